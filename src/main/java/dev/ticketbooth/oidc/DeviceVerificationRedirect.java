package dev.ticketbooth.oidc;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Viewers enter device codes at {@code /activate} only, where guesses are throttled and the forms
 * carry CSRF tokens. Spring Authorization Server's own verification endpoint would accept the
 * same codes unthrottled, so it sends browsers on to {@code /activate} (keeping a
 * {@code user_code}) and answers anything else 404.
 */
final class DeviceVerificationRedirect extends OncePerRequestFilter {

	private final String springEndpoint;

	DeviceVerificationRedirect(String springEndpoint) {
		this.springEndpoint = springEndpoint;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().equals(request.getContextPath() + springEndpoint);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"GET".equals(request.getMethod())) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		UriComponentsBuilder target = UriComponentsBuilder.fromPath(request.getContextPath() + DeviceProperties.VERIFICATION_PATH);
		String userCode = request.getParameter("user_code");
		if (userCode != null && userCode.length() <= 32) {
			target.queryParam("user_code", userCode);
		}
		response.sendRedirect(target.encode().build().toUriString());
	}
}
