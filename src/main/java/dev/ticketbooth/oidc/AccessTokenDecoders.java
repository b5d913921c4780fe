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
 * They accept {@code typ} {@code JWT}, {@code at+jwt} (RFC 9068, for clients that ask for it) or
 * none, and check the issuer.
 */
public final class AccessTokenDecoders {

	private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

	private AccessTokenDecoders() {
	}

	public static NimbusJwtDecoder forIssuer(JWKSource<SecurityContext> jwkSource, String issuer) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource)
			.jwtProcessorCustomizer(processor -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, AT_JWT, null)))
			.build();
		JwtTypeValidator types = new JwtTypeValidator("JWT", "at+jwt");
		types.setAllowEmpty(true);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new JwtIssuerValidator(issuer),
				types));
		return decoder;
	}
}
