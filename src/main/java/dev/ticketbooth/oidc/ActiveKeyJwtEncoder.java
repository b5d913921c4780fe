package dev.ticketbooth.oidc;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.keys.RingKey;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Spring Authorization Server's signer: always the ACTIVE key of the default set for the
 * requested algorithm (RS256 unless a client asks for ES256), never a generated one. One Nimbus
 * encoder per key, built on first use.
 */
final class ActiveKeyJwtEncoder implements JwtEncoder {

	private final KeyRing ring;

	private final Map<String, NimbusJwtEncoder> encoders = new ConcurrentHashMap<>();

	ActiveKeyJwtEncoder(KeyRing ring) {
		this.ring = ring;
	}

	@Override
	public Jwt encode(JwtEncoderParameters parameters) {
		KeyAlgorithm algorithm = algorithmOf(parameters);
		RingKey key = ring.active(KeySet.DEFAULT, algorithm);
		if (encoders.size() > 16) {
			encoders.clear(); // keys rotated many times in a long run; rebuild lazily
		}
		return encoders.computeIfAbsent(key.kid(), kid -> new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(privateJwk(key)))))
			.encode(parameters);
	}

	private static KeyAlgorithm algorithmOf(JwtEncoderParameters parameters) {
		if (parameters.getJwsHeader() == null || parameters.getJwsHeader().getAlgorithm() == null) {
			return KeyAlgorithm.RS256;
		}
		String name = parameters.getJwsHeader().getAlgorithm().getName();
		if (SignatureAlgorithm.RS256.getName().equals(name)) {
			return KeyAlgorithm.RS256;
		}
		if (SignatureAlgorithm.ES256.getName().equals(name)) {
			return KeyAlgorithm.ES256;
		}
		throw new JwtEncodingException("The key ring signs OIDC tokens with RS256 or ES256, not " + name);
	}

	private static JWK privateJwk(RingKey key) {
		return switch (key.algorithm()) {
			case RS256 -> new RSAKey.Builder((RSAPublicKey) key.publicKey()).privateKey((RSAPrivateKey) key.privateKey())
				.keyID(key.kid()).build();
			case ES256 -> new ECKey.Builder(Curve.P_256, (ECPublicKey) key.publicKey())
				.privateKey((ECPrivateKey) key.privateKey()).keyID(key.kid()).build();
			case EdDSA -> throw new JwtEncodingException("EdDSA keys do not sign OIDC tokens");
			case ES384 -> throw new JwtEncodingException("ES384 keys do not sign OIDC tokens");
			case HS256 -> throw new JwtEncodingException("HS256 secrets belong to CDNs and sign no OIDC token");
		};
	}
}
