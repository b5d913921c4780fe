package dev.ticketbooth.keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.util.JSONObjectUtils;

import org.springframework.stereotype.Component;

/**
 * Verifies a compact JWS against the key ring, the counterpart of {@link JwsSigner}, with nothing
 * taken from the token on trust: the algorithm must be the one of the key its {@code kid} names
 * (looked up in the ring, by our kid or the id a partner assigned, never fetched: {@code jku},
 * {@code x5u}, {@code jwk}, {@code x5c} and {@code crit} are refused outright), {@code none} and
 * HMAC are never accepted, a revoked key verifies nothing, and ECDSA signatures must be in range
 * (CVE-2022-21449). Times, issuer and audience are the caller's to check.
 */
@Component
public class JwsVerifier {

	/** Why a token was refused, in the order the checks run. */
	public enum Failure {

		MALFORMED, ALGORITHM_NOT_ALLOWED, UNTRUSTED_HEADER, UNKNOWN_KEY, KEY_REVOKED, BAD_SIGNATURE
	}

	/** A verified token (its key and claims), or why it was refused. */
	public record Verified(RingKey key, Map<String, Object> claims, Failure failure) {

		public boolean valid() {
			return failure == null;
		}

		static Verified refused(Failure failure) {
			return new Verified(null, null, failure);
		}
	}

	private static final Pattern KID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

	private static final Set<String> UNTRUSTED = Set.of("jku", "x5u", "jwk", "x5c", "crit");

	private static final BigInteger P256_ORDER = new BigInteger(
			"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

	private static final BigInteger P384_ORDER = new BigInteger(
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", 16);

	private final KeyRing ring;

	JwsVerifier(KeyRing ring) {
		this.ring = ring;
	}

	/**
	 * @param keySet the only set whose keys may have signed it (a partner calling back), or null for any
	 */
	public Verified verify(String token, String keySet) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3 || !base64url(parts[0]) || !base64url(parts[1]) || !base64url(parts[2])) {
			return Verified.refused(Failure.MALFORMED);
		}
		Map<String, Object> header = json(parts[0]);
		Map<String, Object> claims = json(parts[1]);
		if (header == null || claims == null || !(header.get("alg") instanceof String alg)) {
			return Verified.refused(Failure.MALFORMED);
		}
		Optional<KeyAlgorithm> algorithm = allowedAlgorithm(alg);
		if (algorithm.isEmpty()) {
			return Verified.refused(Failure.ALGORITHM_NOT_ALLOWED);
		}
		if (header.keySet().stream().anyMatch(UNTRUSTED::contains)) {
			return Verified.refused(Failure.UNTRUSTED_HEADER);
		}
		if (!(header.get("kid") instanceof String kid) || !KID.matcher(kid).matches()) {
			return Verified.refused(Failure.UNKNOWN_KEY);
		}
		Optional<RingKey> key = findKey(kid, keySet);
		if (key.isEmpty()) {
			return Verified.refused(Failure.UNKNOWN_KEY);
		}
		if (key.get().state() == KeyState.REVOKED) {
			return Verified.refused(Failure.KEY_REVOKED);
		}
		if (key.get().algorithm() != algorithm.get()) {
			return Verified.refused(Failure.ALGORITHM_NOT_ALLOWED); // an RS256 key never verifies an ES256 or HS256 claim
		}
		if (parts[2].isEmpty() || !signatureValid(key.get(), parts[0] + "." + parts[1], parts[2])) {
			return Verified.refused(Failure.BAD_SIGNATURE);
		}
		return new Verified(key.get(), claims, null);
	}

	/** By our kid, or by the id a partner assigned (Vidbeo), within the given set when there is one. */
	private Optional<RingKey> findKey(String kid, String keySet) {
		Optional<RingKey> byKid = ring.find(kid);
		if (byKid.isPresent()) {
			return keySet == null || byKid.get().keySet().equals(keySet) ? byKid : Optional.empty();
		}
		return ring.keys().stream()
			.filter(k -> kid.equals(k.partnerKeyId()) && (keySet == null || k.keySet().equals(keySet)))
			.filter(k -> k.state() != KeyState.REVOKED)
			.findFirst();
	}

	private static Optional<KeyAlgorithm> allowedAlgorithm(String alg) {
		for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
			// exact: "none", "NONE", "rs256" all fail; HS256 too: the ring's secrets belong to CDNs, never to tokens
			if (!algorithm.symmetric() && algorithm.name().equals(alg)) {
				return Optional.of(algorithm);
			}
		}
		return Optional.empty();
	}

	private static boolean signatureValid(RingKey key, String signingInput, String signaturePart) {
		try {
			byte[] signature = Base64.getUrlDecoder().decode(signaturePart);
			if (key.algorithm() == KeyAlgorithm.ES256 || key.algorithm() == KeyAlgorithm.ES384) {
				int half = key.algorithm() == KeyAlgorithm.ES256 ? 32 : 48;
				BigInteger order = key.algorithm() == KeyAlgorithm.ES256 ? P256_ORDER : P384_ORDER;
				if (signature.length != 2 * half || !inRange(signature, 0, half, order) || !inRange(signature, half, half, order)) {
					return false; // rejects the all-zero "psychic signature" whatever the JDK does
				}
				signature = ECDSA.transcodeSignatureToDER(signature);
			}
			Signature verifier = Signature.getInstance(key.algorithm().signatureAlgorithm());
			verifier.initVerify(key.publicKey());
			verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException | JOSEException | IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean inRange(byte[] signature, int offset, int length, BigInteger order) {
		BigInteger value = new BigInteger(1, Arrays.copyOfRange(signature, offset, offset + length));
		return value.signum() > 0 && value.compareTo(order) < 0;
	}

	/** {@code [A-Za-z0-9_-]*}, without a regular expression: it runs on every decision, over the whole token. */
	private static boolean base64url(String part) {
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
				return false;
			}
		}
		return true;
	}

	private static Map<String, Object> json(String part) {
		try {
			return JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
		}
		catch (ParseException | IllegalArgumentException ex) {
			return null;
		}
	}
}
