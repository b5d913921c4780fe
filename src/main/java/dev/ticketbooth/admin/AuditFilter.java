package dev.ticketbooth.admin;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes every state-changing request of a signed-in operator to the audit trail, refused ones
 * included. Requests without valid credentials write nothing: anyone could send them by the
 * thousand (failed sign-ins are recorded, bounded, by the throttle).
 */
class AuditFilter extends OncePerRequestFilter {

	private final AuditTrail audit;

	AuditFilter(AuditTrail audit) {
		this.audit = audit;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null && authentication.isAuthenticated()
					&& !(authentication instanceof AnonymousAuthenticationToken)) {
				String path = request.getRequestURI();
				audit.record(authentication.getName(), request.getMethod() + " " + path.replaceFirst("^/api/admin", ""), path,
						String.valueOf(response.getStatus()), request.getRemoteAddr());
			}
		}
	}
}
