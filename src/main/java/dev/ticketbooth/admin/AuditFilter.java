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

	/**
	 * A console action answers every outcome with a redirect, so a refusal sets the status it stands
	 * for here and the trail records that instead of the 302.
	 */
	static final String REFUSED_STATUS = AuditFilter.class.getName() + ".refused-status";

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
				Object refused = request.getAttribute(REFUSED_STATUS);
				audit.record(authentication.getName(), request.getMethod() + " " + path.replaceFirst("^/api/admin", ""), path,
						refused != null ? refused.toString() : String.valueOf(response.getStatus()), request.getRemoteAddr());
			}
		}
	}
}
