package dev.ticketbooth.cluster;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a login or console session older than {@code ticketbooth.cluster.session-max-age}, however
 * active it has been, so a stolen or forgotten session cannot be kept alive forever by use: the
 * next request finds no session and signs in again. Spring Session stamps a session's creation
 * with the system clock, so the age is measured with that clock too, not the application's.
 */
final class SessionMaxAgeFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(SessionMaxAgeFilter.class);

	private final Duration maxAge;

	private final Clock systemClock;

	SessionMaxAgeFilter(Duration maxAge, Clock systemClock) {
		this.maxAge = maxAge;
		this.systemClock = systemClock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && Instant.ofEpochMilli(session.getCreationTime()).plus(maxAge).isBefore(systemClock.instant())) {
			log.debug("Ending a session created at {}: older than {}", Instant.ofEpochMilli(session.getCreationTime()), maxAge);
			session.invalidate();
		}
		chain.doFilter(request, response);
	}
}
