package dev.ticketbooth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

/**
 * The JWS algorithms the key ring holds keys for: asymmetric pairs that sign our tokens, and
 * {@link #HS256} secrets that a CDN shares with us (Akamai, bunny.net), which sign URLs, never a
 * token of ours, and are never published or exported.
 */
public enum KeyAlgorithm {

	RS256("RSA", "SHA256withRSA", null) {
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
	/** ECDSA on P-256. */
	ES256("EC", "SHA256withECDSA", Curve.P_256),
	/** ECDSA on P-384 (Amazon IVS playback tokens). */
	ES384("EC", "SHA384withECDSA", Curve.P_384),
	EdDSA("Ed25519", "Ed25519", null) {
		@Override
		KeyPair generate() throws GeneralSecurityException {
			return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}

		@Override
		public JWK publicJwk(String kid, PublicKey key) {
			return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(rawEd25519(key))).keyID(kid)
				.keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).build();
		}
	},
	/**
	 * A secret shared with a CDN (Akamai's hex key, bunny.net's security key): imported, sealed
	 * under the KEK like a private key, never generated (nobody could paste a secret we never
	 * export), never in a JWKS, never trusted to verify a token.
	 */
	HS256("HmacSHA256", "HmacSHA256", null) {
		@Override
		KeyPair generate() {
			throw new UnsupportedOperationException("HS256 secrets are imported, never generated");
		}

		@Override
		public JWK publicJwk(String kid, PublicKey key) {
			throw new UnsupportedOperationException("An HS256 secret has no public key");
		}

		@Override
		public boolean symmetric() {
			return true;
		}
	};

	private final String keyType;

	private final String signatureAlgorithm;

	/** The curve of an ECDSA algorithm; null for the others. */
	private final Curve curve;

	KeyAlgorithm(String keyType, String signatureAlgorithm, Curve curve) {
		this.keyType = keyType;
		this.signatureAlgorithm = signatureAlgorithm;
		this.curve = curve;
	}

	/** ECDSA on this algorithm's named curve; RS256 and EdDSA override it. */
	KeyPair generate() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec(curve.getStdName()));
		return generator.generateKeyPair();
	}

	/** The public key as a JWK with {@code kid}, {@code use=sig} and {@code alg}; {@code crv} for EC keys. */
	public JWK publicJwk(String kid, PublicKey key) {
		return new ECKey.Builder(curve, (ECPublicKey) key).keyID(kid).keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.parse(name())).build();
	}

	/** A secret shared with a CDN rather than a key pair: no public half, no JWK, no PEM. */
	public boolean symmetric() {
		return false;
	}

	/** ECDSA, whose JCA signatures are DER and JOSE signatures R‖S (RFC 7518 §3.4). */
	public boolean ecdsa() {
		return curve != null;
	}

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

	/** Parses a name as written in the API, config and JOSE headers ({@code RS256}, {@code es384}, {@code EdDSA}). */
	public static KeyAlgorithm parse(String name) {
		return Arrays.stream(values()).filter(a -> a.name().equalsIgnoreCase(name.trim())).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unsupported algorithm '" + name + "' (supported: " + names() + ")"));
	}

	/** {@code RS256, ES256, ES384, EdDSA, HS256}: for messages. */
	public static String names() {
		return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
	}

	/** The algorithm a public key can sign for. */
	public static KeyAlgorithm of(PublicKey key) {
		if (key instanceof RSAPublicKey) {
			return RS256;
		}
		if (key instanceof ECPublicKey ec) {
			Curve curve = Curve.forECParameterSpec(ec.getParams());
			return Arrays.stream(values()).filter(a -> a.curve != null && a.curve.equals(curve)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Unsupported EC curve " + (curve == null ? "(unnamed)" : curve)));
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
