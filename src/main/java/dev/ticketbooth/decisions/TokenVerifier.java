package dev.ticketbooth.decisions;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeyState;
import dev.ticketbooth.keys.RingKey;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.PartnerMatching;

import org.springframework.stereotype.Component;

/**
 * Verifies our own JWTs with nothing taken from the token on trust: the algorithm must be the
 * one of the key named by {@code kid} (looked up in the ring, never fetched: {@code jku},
 * {@code x5u}, {@code jwk}, {@code x5c} and {@code crit} deny outright), {@code none} and HMAC
 * are never accepted, ECDSA signatures must be in range (CVE-2022-21449), and the token must
 * belong to a partner using that key's set ({@link PartnerMatching}: its {@code azp}, issuer and
 * audience).
 */
@Component
class TokenVerifier {

	private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

	private static final Pattern KID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

	private static final Set<String> UNTRUSTED = Set.of("jku", "x5u", "jwk", "x5c", "crit");

	private static final BigInteger P256_ORDER = new BigInteger(
			"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

	private final KeyRing ring;

	private final PartnerMatching matching;

	private final DecisionProperties properties;

	TokenVerifier(KeyRing ring, PartnerMatching matching, DecisionProperties properties) {
		this.ring = ring;
		this.matching = matching;
		this.properties = properties;
	}

	/**
	 * @param caller the partner that called us (Kinescope, by its Basic credentials), or null when
	 *     the partner is found from the key's set and the token's audience
	 */
	VerifiedToken verify(String token, Partner caller, Instant now) {
		if (token.length() > properties.maxTokenLength()) {
			return VerifiedToken.deny(Reason.TOKEN_TOO_LARGE);
		}
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3 || !BASE64URL.matcher(parts[0]).matches() || !BASE64URL.matcher(parts[1]).matches()
				|| !BASE64URL.matcher(parts[2]).matches()) {
			return VerifiedToken.deny(Reason.MALFORMED_TOKEN);
		}
		Map<String, Object> header = json(parts[0]);
		Map<String, Object> claims = json(parts[1]);
		if (header == null || claims == null || !(header.get("alg") instanceof String alg)) {
			return VerifiedToken.deny(Reason.MALFORMED_TOKEN);
		}
		Optional<KeyAlgorithm> algorithm = allowedAlgorithm(alg);
		if (algorithm.isEmpty()) {
			return VerifiedToken.deny(Reason.ALG_NOT_ALLOWED);
		}
		if (header.keySet().stream().anyMatch(UNTRUSTED::contains)) {
			return VerifiedToken.deny(Reason.UNTRUSTED_HEADER);
		}
		if (!(header.get("kid") instanceof String kid) || !KID.matcher(kid).matches()) {
			return VerifiedToken.deny(Reason.UNKNOWN_KID);
		}
		Optional<RingKey> key = findKey(kid, caller);
		if (key.isEmpty()) {
			return VerifiedToken.deny(Reason.UNKNOWN_KID);
		}
		if (key.get().state() == KeyState.REVOKED) {
			return VerifiedToken.deny(Reason.KEY_REVOKED);
		}
		if (key.get().algorithm() != algorithm.get()) {
			return VerifiedToken.deny(Reason.ALG_NOT_ALLOWED); // an RS256 key never verifies an ES256 or HS256 claim
		}
		if (parts[2].isEmpty() || !signatureValid(key.get(), parts[0] + "." + parts[1], parts[2])) {
			return VerifiedToken.deny(Reason.BAD_SIGNATURE);
		}
		Long exp = seconds(claims.get("exp"));
		if (exp == null) {
			return VerifiedToken.deny(Reason.MALFORMED_TOKEN);
		}
		long leeway = properties.leeway().toSeconds();
		if (now.getEpochSecond() >= exp + leeway) {
			return VerifiedToken.deny(Reason.TOKEN_EXPIRED);
		}
		Long nbf = seconds(claims.get("nbf"));
		if (claims.containsKey("nbf") && (nbf == null || now.getEpochSecond() + leeway < nbf)) {
			return VerifiedToken.deny(Reason.TOKEN_NOT_YET_VALID);
		}
		return matchPartner(key.get(), claims, caller);
	}

	/** The partner the token belongs to (see {@link PartnerMatching}), or the deny reason for its mismatch. */
	private VerifiedToken matchPartner(RingKey key, Map<String, Object> claims, Partner caller) {
		PartnerMatching.Match match = matching.match(key.keySet(), claims, caller);
		if (match.partner() != null) {
			return new VerifiedToken(match.partner(), claims, null);
		}
		return VerifiedToken.deny(switch (match.mismatch()) {
			case KEY_SET -> Reason.UNKNOWN_KID;
			case AUTHORIZED_PARTY, AUDIENCE -> Reason.WRONG_AUDIENCE;
			case ISSUER -> Reason.WRONG_ISSUER;
		});
	}

	/** By our kid, or by the id a partner assigned (Vidbeo), within the caller's key set when known. */
	private Optional<RingKey> findKey(String kid, Partner caller) {
		Optional<RingKey> byKid = ring.find(kid);
		if (byKid.isPresent()) {
			return caller == null || byKid.get().keySet().equals(caller.keySet()) ? byKid : Optional.empty();
		}
		return ring.keys().stream()
			.filter(k -> kid.equals(k.partnerKeyId()) && (caller == null || k.keySet().equals(caller.keySet())))
			.filter(k -> k.state() != KeyState.REVOKED)
			.findFirst();
	}

	private static Optional<KeyAlgorithm> allowedAlgorithm(String alg) {
		for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
			if (algorithm.name().equals(alg)) { // exact: "none", "NONE", "HS256", "rs256" all fail
				return Optional.of(algorithm);
			}
		}
		return Optional.empty();
	}

	private static boolean signatureValid(RingKey key, String signingInput, String signaturePart) {
		try {
			byte[] signature = Base64.getUrlDecoder().decode(signaturePart);
			if (key.algorithm() == KeyAlgorithm.ES256) {
				if (signature.length != 64 || !inRange(signature, 0) || !inRange(signature, 32)) {
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

	private static boolean inRange(byte[] signature, int offset) {
		BigInteger value = new BigInteger(1, java.util.Arrays.copyOfRange(signature, offset, offset + 32));
		return value.signum() > 0 && value.compareTo(P256_ORDER) < 0;
	}

	private static Long seconds(Object value) {
		return value instanceof Number number && number.doubleValue() == Math.floor(number.doubleValue())
				? number.longValue() : null;
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
