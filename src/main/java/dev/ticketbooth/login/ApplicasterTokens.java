package dev.ticketbooth.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * The token Applicaster verifies: header exactly {@code {"alg":"HS256","typ":"JWT"}}, payload
 * {@code iss} (the provider's issuer name), {@code sub}, {@code uuid}, {@code iat}, {@code exp}
 * (unix seconds), HMAC-SHA256 with the provider's pre-shared secret (its UTF-8 bytes, as
 * Applicaster's CMS shows it).
 */
final class ApplicasterTokens {

	private static final String HEADER = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

	private ApplicasterTokens() {
	}

	static String mint(String issuerName, String subject, String uuid, Instant issuedAt, Instant expiresAt, byte[] secret) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", issuerName);
		claims.put("sub", subject);
		claims.put("uuid", uuid);
		claims.put("iat", issuedAt.getEpochSecond());
		claims.put("exp", expiresAt.getEpochSecond());
		String signingInput = HEADER + "." + base64Url(JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return signingInput + "." + base64Url(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is unavailable", ex);
		}
	}

	private static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
