package dev.ticketbooth.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Decoders for our own access tokens, verified locally against the key ring's published keys.
 * Explicit typing (RFC 8725 §3.11, RFC 9068): only {@code typ} {@code at+jwt} is accepted, so a
 * playback token or an ID token signed by the same keys is never taken for an access token. They
 * check the issuer too.
 */
public final class AccessTokenDecoders {

	private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

	private static final JOSEObjectType APPLICATION_AT_JWT = new JOSEObjectType("application/at+jwt");

	private AccessTokenDecoders() {
	}

	public static NimbusJwtDecoder forIssuer(JWKSource<SecurityContext> jwkSource, String issuer) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource)
			.jwtProcessorCustomizer(processor -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(AT_JWT, APPLICATION_AT_JWT)))
			.build();
		JwtTypeValidator types = new JwtTypeValidator("at+jwt", "application/at+jwt");
		types.setAllowEmpty(false);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new JwtIssuerValidator(issuer),
				types));
		return decoder;
	}
}
