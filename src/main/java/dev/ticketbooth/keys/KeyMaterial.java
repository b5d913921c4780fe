package dev.ticketbooth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;

/** Turns key pairs into stored rows and back, encrypting the private half under the KEK. */
final class KeyMaterial {

	private final KeyEncryptionKey kek;

	/** Names HS256 secrets: a kid derived from the secret under a KEK-derived key reveals nothing of it. */
	private final SecretKeySpec secretKidKey;

	KeyMaterial(KeyEncryptionKey kek) {
		this.kek = kek;
		this.secretKidKey = new SecretKeySpec(kek.derive("cdn-secret-kid-v1"), "HmacSHA256");
	}

	/**
	 * The kid of an HS256 secret: stable (the same secret imported twice is found), but a keyed
	 * hash, so a kid in a log or the API gives no way to guess a short secret offline.
	 */
	String secretKid(byte[] secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(secretKidKey);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(secret));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is unavailable", ex);
		}
	}

	/** An HS256 secret as a row: no public key, the secret sealed under the KEK like a private key. */
	StoredKey sealSecret(byte[] secret, String set, KeyState state, String partnerKeyId, Instant now) {
		String kid = secretKid(secret);
		String ciphertext = kek.encryptToBase64(secret, context(kid));
		return new StoredKey(kid, set, KeyAlgorithm.HS256, state, KeyOrigin.IMPORTED, null, ciphertext, partnerKeyId, now,
				state == KeyState.ACTIVE ? now : null, null, null);
	}

	/** RFC 7638 thumbprint of the public JWK: stable, so the same key always gets the same kid. */
	static String thumbprint(KeyAlgorithm algorithm, PublicKey publicKey) {
		try {
			return algorithm.publicJwk(null, publicKey).computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot compute the thumbprint of a " + algorithm + " key", ex);
		}
	}

	StoredKey seal(KeyPair pair, String set, KeyAlgorithm algorithm, KeyState state, KeyOrigin origin,
			String partnerKeyId, Instant now) {
		String kid = thumbprint(algorithm, pair.getPublic());
		byte[] pkcs8 = pair.getPrivate().getEncoded();
		try {
			String ciphertext = kek.encryptToBase64(pkcs8, context(kid));
			return new StoredKey(kid, set, algorithm, state, origin,
					Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), ciphertext, partnerKeyId, now,
					state == KeyState.ACTIVE ? now : null, null, null);
		}
		finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
	}

	RingKey open(StoredKey stored) {
		if (stored.algorithm().symmetric()) {
			SecretKey secret = null;
			if (stored.privateKeyCiphertext() != null) {
				byte[] bytes = kek.decryptFromBase64(stored.privateKeyCiphertext(), context(stored.kid()));
				secret = new SecretKeySpec(bytes, KeyAlgorithm.HS256.keyType());
				Arrays.fill(bytes, (byte) 0);
			}
			return new RingKey(stored.kid(), stored.keySet(), stored.algorithm(), stored.state(), stored.origin(), null, null,
					stored.partnerKeyId(), stored.createdAt(), stored.activatedAt(), stored.retiredAt(), stored.revokedAt(),
					secret);
		}
		PublicKey publicKey = publicKey(stored.algorithm(), Base64.getDecoder().decode(stored.publicKey()));
		PrivateKey privateKey = null;
		if (stored.privateKeyCiphertext() != null) {
			byte[] pkcs8 = kek.decryptFromBase64(stored.privateKeyCiphertext(), context(stored.kid()));
			try {
				privateKey = KeyFactory.getInstance(stored.algorithm().keyType()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("The private key of " + stored.kid() + " does not parse", ex);
			}
			finally {
				Arrays.fill(pkcs8, (byte) 0);
			}
		}
		return new RingKey(stored.kid(), stored.keySet(), stored.algorithm(), stored.state(), stored.origin(), publicKey,
				privateKey, stored.partnerKeyId(), stored.createdAt(), stored.activatedAt(), stored.retiredAt(),
				stored.revokedAt());
	}

	static PublicKey publicKey(KeyAlgorithm algorithm, byte[] spki) {
		try {
			return KeyFactory.getInstance(algorithm.keyType()).generatePublic(new X509EncodedKeySpec(spki));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A stored " + algorithm + " public key does not parse", ex);
		}
	}

	/** Associated data binding a ciphertext to its key row. */
	private static String context(String kid) {
		return "signing-key:" + kid;
	}
}
