package dev.ticketbooth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

/** The asymmetric JWS algorithms the key ring holds keys for. */
public enum KeyAlgorithm {

	RS256("RSA", "SHA256withRSA") {
		@Override
		KeyPair generate() throws GeneralSecurityException {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}

		@Override
		public JWK publicJwk(String kid, PublicKey key) {
			return new RSAKey.Builder((RSAPublicKey) key).keyID(kid).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256).build();
		}
	},
	ES256("EC", "SHA256withECDSA") {
		@Override
		KeyPair generate() throws GeneralSecurityException {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}

		@Override
		public JWK publicJwk(String kid, PublicKey key) {
			return new ECKey.Builder(Curve.P_256, (ECPublicKey) key).keyID(kid).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256).build();
		}
	},
	EdDSA("Ed25519", "Ed25519") {
		@Override
		KeyPair generate() throws GeneralSecurityException {
			return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}

		@Override
		public JWK publicJwk(String kid, PublicKey key) {
			return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(rawEd25519(key))).keyID(kid)
				.keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).build();
		}
	};

	private final String keyType;

	private final String signatureAlgorithm;

	KeyAlgorithm(String keyType, String signatureAlgorithm) {
		this.keyType = keyType;
		this.signatureAlgorithm = signatureAlgorithm;
	}

	abstract KeyPair generate() throws GeneralSecurityException;

	/** The public key as a JWK with {@code kid}, {@code use=sig} and {@code alg}. */
	public abstract JWK publicJwk(String kid, PublicKey key);

	/** JCA algorithm name for {@link java.security.Signature}. */
	public String signatureAlgorithm() {
		return signatureAlgorithm;
	}

	/** JCA key algorithm name for {@link java.security.KeyFactory}. */
	public String keyType() {
		return keyType;
	}

	public KeyPair newKeyPair() {
		try {
			return generate();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a " + this + " key pair", ex);
		}
	}

	/** Parses a name as written in the API, config and JOSE headers ({@code RS256}, {@code es256}, {@code EdDSA}). */
	public static KeyAlgorithm parse(String name) {
		return Arrays.stream(values()).filter(a -> a.name().equalsIgnoreCase(name.trim())).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unsupported algorithm '" + name + "' (supported: RS256, ES256, EdDSA)"));
	}

	/** The algorithm a public key can sign for. */
	public static KeyAlgorithm of(PublicKey key) {
		if (key instanceof RSAPublicKey) {
			return RS256;
		}
		if (key instanceof ECPublicKey) {
			return ES256;
		}
		if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
			return EdDSA;
		}
		throw new IllegalArgumentException("Unsupported key type " + key.getAlgorithm());
	}

	/** The 32-byte Ed25519 point: the tail of the fixed-length SubjectPublicKeyInfo encoding. */
	static byte[] rawEd25519(PublicKey key) {
		byte[] spki = key.getEncoded();
		return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
	}
}
