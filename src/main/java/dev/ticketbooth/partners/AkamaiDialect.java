package dev.ticketbooth.partners;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.RingKey;

import org.springframework.http.HttpStatus;

/**
 * Akamai Token Auth 2.0 (EdgeAuth): {@code [ip=…~]st=…~exp=…~acl=/path/*~hmac=…}, an HMAC-SHA256 in
 * lower-case hex under the partner's hex key (the ACTIVE secret of its HS256 set; the NEXT one is
 * the property's transition key). A folder gets an ACL token for everything under it; one file a
 * URL token, whose path is hashed as {@code url=} but not written. Fields in EdgeAuth's order, not
 * escaped (its default): our paths hold nothing to escape. Delivered as the query parameter or
 * cookie the property names ({@code token_name}, default {@code __token__}).
 */
public final class AkamaiDialect implements SignedUrlDialect {

	/** The setting naming the query parameter and cookie, as in the property's Token Auth behavior. */
	public static final String TOKEN_NAME = "token_name";

	private static final String DEFAULT_TOKEN_NAME = "__token__";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern HEX = Pattern.compile("([0-9A-Fa-f]{2})+");

	@Override
	public String platform() {
		return "Akamai";
	}

	@Override
	public Set<KeyAlgorithm> algorithms() {
		return Set.of(KeyAlgorithm.HS256);
	}

	@Override
	public Map<String, String> checkSettings(Map<String, String> settings) {
		Map<String, String> checked = SignedUrlDialect.originAnd(settings, platform(), Set.of(TOKEN_NAME));
		String name = settings.getOrDefault(TOKEN_NAME, DEFAULT_TOKEN_NAME);
		if (name == null || !NAME.matcher(name).matches()) {
			throw ApiProblemException.badRequest("invalid-settings",
					TOKEN_NAME + " is the property's token name: 1-64 letters, digits and _ . - (default __token__)");
		}
		checked.put(TOKEN_NAME, name);
		return checked;
	}

	@Override
	public Set<String> expressibleRules() {
		return Set.of("ips");
	}

	/** Akamai compares {@code ip=} with the viewer's address: one address, not a range. */
	@Override
	public void checkRules(AllowRules rules) {
		SignedUrlDialect.super.checkRules(rules);
		String ip = SignedUrlDialect.oneIp(rules, platform());
		if (ip != null && ip.indexOf('/') >= 0) {
			throw ApiProblemException.badRequest("rule-not-supported",
					"Akamai tokens lock to one IP address, not a range: give allow.ips a single address");
		}
	}

	@Override
	public Signed sign(Partner partner, Mint mint, RingKey key) {
		CdnOrigin origin = origin(partner);
		String encoded = CdnOrigin.encode(mint.video()).replace("~", "%7E"); // ~ separates the token's fields
		String path = origin.path(encoded);
		String ip = SignedUrlDialect.oneIp(mint.rules(), platform());
		StringBuilder token = new StringBuilder();
		if (ip != null) {
			token.append("ip=").append(ip).append('~');
		}
		token.append("st=").append(mint.issuedAt().getEpochSecond());
		token.append("~exp=").append(mint.expiresAt().getEpochSecond());
		if (origin.folder()) {
			token.append("~acl=").append(path).append('*');
		}
		String hashed = origin.folder() ? token.toString() : token + "~url=" + path;
		token.append("~hmac=").append(HexFormat.of().formatHex(hmac(key, hashed)));

		String name = partner.settings().getOrDefault(TOKEN_NAME, DEFAULT_TOKEN_NAME);
		Map<String, String> urls = new LinkedHashMap<>();
		urls.put("url", origin.url(encoded) + "?" + name + "=" + token);
		return new Signed(token.toString(), urls, Map.of(name, token.toString()));
	}

	/** HMAC-SHA256 under the hex key; a secret that is not hex is 409 {@code secret-not-hex}, naming only its kid. */
	private static byte[] hmac(RingKey key, String data) {
		String hex = new String(key.secret().getEncoded(), StandardCharsets.US_ASCII);
		if (!HEX.matcher(hex).matches()) {
			throw new ApiProblemException(HttpStatus.CONFLICT, "secret-not-hex", "The ACTIVE secret " + key.kid() + " of set '"
					+ key.keySet() + "' is not hex: import the key exactly as Akamai's Token Auth behavior shows it");
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(HexFormat.of().parseHex(hex), "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 with secret " + key.kid() + " failed");
		}
	}
}
