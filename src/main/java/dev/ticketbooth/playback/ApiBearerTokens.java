package dev.ticketbooth.playback;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ticketbooth.config.Problems;
import dev.ticketbooth.config.TicketboothProperties;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.oidc.AccessTokenDecoders;
import dev.ticketbooth.oidc.IssuedAccessTokens;
import dev.ticketbooth.oidc.VerifiedAccessTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The {@code /api/v1/**} callers: bearer access tokens from our own {@code /oauth2/token}
 * ({@code typ at+jwt}), verified locally against the key ring and checked against revocation once
 * per cache period, with the scope each endpoint needs. One object serves both the
 * {@code /api/v1/**} security chain and the lean endpoints ahead of it (minting, decisions), so
 * there is one token check and one set of refusals: 401 {@code unauthenticated} without a token,
 * 401 {@code invalid-token} for a token that is not one of ours in force, 403
 * {@code insufficient-scope}.
 */
@Component
public class ApiBearerTokens {

	private static final String FORM = "application/x-www-form-urlencoded";

	private final JwtDecoder decoder;

	private final JwtAuthenticationProvider provider;

	private final BearerTokenResolver resolver = new DefaultBearerTokenResolver();

	/**
	 * Spring's resolver checks the header's syntax with a case-insensitive regular expression, a
	 * quarter of a decision's CPU; a back end sends the same header on every call, so its answer is
	 * remembered per header, once the token in it authenticated (so strangers cannot fill it), and
	 * only where the answer depends on the header alone.
	 */
	private final Map<String, String> resolved = new ConcurrentHashMap<>();

	ApiBearerTokens(JWKSource<SecurityContext> jwkSource, TicketboothProperties properties, KeyRing ring, Clock clock,
			OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
			@Value("${ticketbooth.decisions.cache-ttl:5s}") Duration standingCheck) {
		// back ends reuse one access token for many calls: verify it once per key-ring generation, and
		// check that it was not revoked (nor its client deleted) once per cache period
		this.decoder = new IssuedAccessTokens(
				new VerifiedAccessTokens(AccessTokenDecoders.forIssuer(jwkSource, properties.issuer()), ring::generation,
						clock, 10_000),
				authorizations, clients, standingCheck, clock, 10_000);
		this.provider = new JwtAuthenticationProvider(decoder);
	}

	/** The decoder the {@code /api/v1/**} chain's resource server uses. */
	JwtDecoder decoder() {
		return decoder;
	}

	/**
	 * The caller, authenticated as the {@code /api/v1/**} chain authenticates it (Spring Security's
	 * bearer resolver and JWT provider over {@link #decoder()}), and holding {@code scope}; or null
	 * once the refusal is written.
	 */
	public Authentication authenticate(HttpServletRequest request, HttpServletResponse response, String scope)
			throws IOException {
		Authentication caller;
		try {
			String header = rememberable(request) ? request.getHeader(HttpHeaders.AUTHORIZATION) : null;
			String token = header == null ? null : resolved.get(header);
			boolean known = token != null;
			if (!known) {
				token = resolver.resolve(request);
			}
			if (token == null) {
				unauthenticated(response, null);
				return null;
			}
			caller = provider.authenticate(new BearerTokenAuthenticationToken(token));
			if (!known && header != null) { // only headers that carried one of our tokens in force
				if (resolved.size() >= 1_000) {
					resolved.clear();
				}
				resolved.put(header, token);
			}
		}
		catch (AuthenticationException ex) {
			unauthenticated(response, ex);
			return null;
		}
		String authority = "SCOPE_" + scope;
		for (GrantedAuthority granted : caller.getAuthorities()) {
			if (authority.equals(granted.getAuthority())) {
				return caller;
			}
		}
		insufficientScope(response);
		return null;
	}

	/** Whether the resolver's answer depends on the header alone (a form body may carry {@code access_token} too). */
	private static boolean rememberable(HttpServletRequest request) {
		String contentType = request.getContentType();
		return "POST".equals(request.getMethod())
				&& (contentType == null || !contentType.regionMatches(true, 0, FORM, 0, FORM.length()));
	}

	/** The chain's entry point: a token was sent and is not one of ours in force, or none was sent. */
	static void unauthenticated(HttpServletResponse response, AuthenticationException ex) throws IOException {
		if (ex instanceof OAuth2AuthenticationException) {
			response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
			Problems.write(response, HttpStatus.UNAUTHORIZED, "invalid-token",
					"The bearer token is not an access token from /oauth2/token in force (typ at+jwt)");
			return;
		}
		response.setHeader("WWW-Authenticate", "Bearer");
		Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated",
				"A bearer access token from /oauth2/token is required");
	}

	/** The chain's access-denied handler. */
	static void insufficientScope(HttpServletResponse response) throws IOException {
		Problems.write(response, HttpStatus.FORBIDDEN, "insufficient-scope",
				"The access token lacks the scope this endpoint needs");
	}
}
