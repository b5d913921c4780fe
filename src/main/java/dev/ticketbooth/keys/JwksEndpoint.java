package dev.ticketbooth.keys;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code GET /.well-known/jwks.json}: the public keys (NEXT, ACTIVE, RETIRED) of the default set
 * and of every set marked published. max-age never exceeds the prepublish lead time, so a
 * verifier's cached copy always holds a NEXT key before it signs anything.
 *
 * <p>
 * Answered by a servlet filter ahead of every other one: the body is prebuilt per key-ring
 * change and public, so it needs no session, security context, MVC dispatch or per-request
 * observation — together those cost two thirds of the throughput (docs/performance.md). It
 * counts its answers in {@code ticketbooth.jwks.requests} instead, and sends the same security
 * headers as every other response.
 */
class JwksEndpoint extends OncePerRequestFilter {

	static final String PATH = "/.well-known/jwks.json";

	static final String JWK_SET = "application/jwk-set+json";

	private final KeyRing ring;

	private final String cacheControl;

	private final Counter served;

	private final Counter notModified;

	JwksEndpoint(KeyRing ring, KeyProperties properties, MeterRegistry meters) {
		this.ring = ring;
		this.cacheControl = CacheControl.maxAge(properties.effectiveJwksMaxAge().toSeconds(), TimeUnit.SECONDS)
			.cachePublic().getHeaderValue();
		this.served = Counter.builder("ticketbooth.jwks.requests").tag("status", "200").register(meters);
		this.notModified = Counter.builder("ticketbooth.jwks.requests").tag("status", "304").register(meters);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !PATH.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String method = request.getMethod();
		if (!"GET".equals(method) && !"HEAD".equals(method)) {
			chain.doFilter(request, response); // the rest of the stack answers 405 as for any other path
			return;
		}
		PublishedJwks jwks = ring.publishedJwks();
		response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
		response.setHeader(HttpHeaders.ETAG, jwks.etag());
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"); // as Spring Security sends
		}
		if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), jwks.etag())) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			notModified.increment();
			return;
		}
		response.setContentType(JWK_SET);
		response.setContentLength(jwks.json().length);
		if ("GET".equals(method)) {
			response.getOutputStream().write(jwks.json());
		}
		served.increment();
	}

	private static boolean matches(String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String candidate : ifNoneMatch.split(",")) {
			String tag = candidate.trim();
			if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
				return true;
			}
		}
		return false;
	}
}
