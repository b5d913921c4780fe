package dev.ticketbooth.decisions;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
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
import dev.ticketbooth.playback.Partner;
import dev.ticketbooth.playback.PartnerProfile;
import dev.ticketbooth.playback.Partners;

import org.springframework.stereotype.Component;

/**
 * Verifies our own JWTs with nothing taken from the token on trust: the algorithm must be the
 * one of the key named by {@code kid} (looked up in the ring, never fetched: {@code jku},
 * {@code x5u}, {@code jwk}, {@code x5c} and {@code crit} deny outright), {@code none} and HMAC
 * are never accepted, ECDSA signatures must be in range (CVE-2022-21449), and the issuer and
 * audience must be those of a partner using that key's set.
 */
@Component
class TokenVerifier {

	private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

	private static final Pattern KID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

	private static final Set<String> UNTRUSTED = Set.of("jku", "x5u", "jwk", "x5c", "crit");

	private static final BigInteger P256_ORDER = new BigInteger(
			"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

	private static final BigInteger P384_ORDER = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
			+ "C7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", 16);

	private final KeyRing ring;

	private final Partners partners;

	private final DecisionProperties properties;

	TokenVerifier(KeyRing ring, Partners partners, DecisionProperties properties) {
		this.ring = ring;
		this.partners = partners;
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

	private VerifiedToken matchPartner(RingKey key, Map<String, Object> claims, Partner caller) {
		Object azp = claims.get("azp");
		List<Partner> candidates;
		if (caller != null) {
			candidates = List.of(caller);
		}
		else if (azp instanceof String partnerId) {
			// minted for one partner: one look-up by id, not a scan of every partner per decision
			candidates = partners.find(partnerId).stream().toList();
		}
		else {
			candidates = partners.list();
		}
		candidates = candidates.stream().filter(p -> p.keySet().equals(key.keySet())).toList();
		if (azp instanceof String partnerId) {
			// only the partner it was minted for may govern it
			candidates = candidates.stream().filter(p -> p.id().equals(partnerId)).toList();
			if (candidates.isEmpty()) {
				return VerifiedToken.deny(Reason.WRONG_AUDIENCE);
			}
		}
		if (candidates.isEmpty()) {
			return VerifiedToken.deny(Reason.UNKNOWN_KID);
		}
		List<Partner> byIssuer = candidates.stream()
			.filter(p -> p.profile() == PartnerProfile.VIDBEO || p.issuer().equals(claims.get("iss"))).toList();
		if (byIssuer.isEmpty()) {
			return VerifiedToken.deny(Reason.WRONG_ISSUER);
		}
		Optional<Partner> partner = byIssuer.stream()
			.filter(p -> p.profile() == PartnerProfile.VIDBEO || audienceContains(claims.get("aud"), p.audience()))
			.findFirst();
		return partner.map(p -> new VerifiedToken(p, claims, null))
			.orElseGet(() -> VerifiedToken.deny(Reason.WRONG_AUDIENCE));
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
		BigInteger value = new BigInteger(1, java.util.Arrays.copyOfRange(signature, offset, offset + length));
		return value.signum() > 0 && value.compareTo(order) < 0;
	}

	private static boolean audienceContains(Object aud, String expected) {
		if (expected == null) {
			return false;
		}
		if (aud instanceof String single) {
			return single.equals(expected);
		}
		return aud instanceof Collection<?> many && many.contains(expected);
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
