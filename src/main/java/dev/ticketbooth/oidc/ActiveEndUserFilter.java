package dev.ticketbooth.oidc;

import java.io.IOException;

import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before the authorization endpoint issues a code to a signed-in browser, checks that the account
 * still exists and is enabled; if not, the sign-in is forgotten (the endpoint then asks for a new
 * one, which a disabled account cannot pass). Disabling a user already ends their sessions; this
 * covers a session that outlived the change some other way.
 */
final class ActiveEndUserFilter extends OncePerRequestFilter {

	private final EndUsers users;

	ActiveEndUserFilter(EndUsers users) {
		this.users = users;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/oauth2/authorize");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		if (signedIn instanceof UsernamePasswordAuthenticationToken && signedIn.isAuthenticated()
				&& users.findByUsername(signedIn.getName()).filter(EndUser::enabled).isEmpty()) {
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
		}
		chain.doFilter(request, response);
	}
}
