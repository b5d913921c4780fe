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

import com.nimbusds.jose.JOSEException;

/** Turns key pairs into stored rows and back, encrypting the private half under the KEK. */
final class KeyMaterial {

	private final KeyEncryptionKey kek;

	KeyMaterial(KeyEncryptionKey kek) {
		this.kek = kek;
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
