package dev.ticketbooth.admin;

import java.io.IOException;

import dev.ticketbooth.config.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses admin API requests a browser marks as cross-site ({@code Sec-Fetch-Site}), so a page
 * elsewhere cannot ride on Basic credentials the browser has cached. curl and scripts send no
 * such header and are unaffected.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null && !site.equals("same-origin") && !site.equals("none")) {
			Problems.write(response, HttpStatus.FORBIDDEN, "cross-site-request",
					"The admin API does not accept requests from other sites");
			return;
		}
		chain.doFilter(request, response);
	}
}
