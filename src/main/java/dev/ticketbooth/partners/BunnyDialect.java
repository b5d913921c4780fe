package dev.ticketbooth.partners;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.RingKey;

/**
 * bunny.net token authentication, advanced: {@code HS256-} and base64url (no padding) of an
 * HMAC-SHA256 under the pull zone's security key (the ACTIVE secret of the partner's HS256 set),
 * over the signed path, {@code expires}, the viewer's IP as bytes (IPv6 cut to its /64, as bunny.net
 * does) and the extra parameters sorted by name as {@code k=v&…}. An IP lock adds {@code 1-} after
 * the prefix. A folder gets a directory token in the path ({@code /bcdn_token=…&expires=…/path/}),
 * signed for the whole folder with {@code token_path}, so the relative URLs of an HLS playlist carry
 * it; one file gets {@code ?token=…&expires=…}. {@code allow.countries} become {@code token_countries}.
 * As bunny.net's own signer writes it (BunnyWay/BunnyCDN.TokenAuthentication).
 */
public final class BunnyDialect implements SignedUrlDialect {

	private static final String COUNTRIES = "token_countries";

	private static final String PATH = "token_path";

	@Override
	public String platform() {
		return "bunny.net";
	}

	@Override
	public Set<KeyAlgorithm> algorithms() {
		return Set.of(KeyAlgorithm.HS256);
	}

	@Override
	public Map<String, String> checkSettings(Map<String, String> settings) {
		return SignedUrlDialect.originAnd(settings, platform(), Set.of());
	}

	@Override
	public Set<String> expressibleRules() {
		return Set.of("ips", "countries");
	}

	/**
	 * One IP: an IPv4 address, or an IPv6 address or /64 (bunny.net checks an IPv6 viewer by its /64,
	 * so an IPv6 address stands for its /64, as in bunny.net's own examples). Other ranges cannot be said.
	 */
	@Override
	public void checkRules(AllowRules rules) {
		SignedUrlDialect.super.checkRules(rules);
		String ip = SignedUrlDialect.oneIp(rules, platform());
		if (ip != null && ip.indexOf('/') >= 0 && !(ip.indexOf(':') >= 0 && ip.endsWith("/64"))) {
			throw ApiProblemException.badRequest("rule-not-supported",
					"bunny.net locks a token to one IPv4 address or one IPv6 /64: give allow.ips a single such entry");
		}
	}

	@Override
	public Signed sign(Partner partner, Mint mint, RingKey key) {
		CdnOrigin origin = origin(partner);
		String path = origin.path(CdnOrigin.encode(mint.video()));
		String expires = Long.toString(mint.expiresAt().getEpochSecond());
		Map<String, String> parameters = new TreeMap<>(); // bunny.net signs them sorted by name
		if (!mint.rules().countries().isEmpty()) {
			parameters.put(COUNTRIES,
					mint.rules().countries().stream().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.joining(",")));
		}
		if (origin.folder()) {
			parameters.put(PATH, path);
		}
		String ip = SignedUrlDialect.oneIp(mint.rules(), platform());
		String token = token(key, path, expires, ip, parameters);
		String tail = parameters.entrySet().stream().map(p -> "&" + p.getKey() + "=" + CdnOrigin.encode(p.getValue()))
			.collect(Collectors.joining());
		String url = origin.folder() ? origin.base() + "/bcdn_token=" + token + tail + "&expires=" + expires + path
				: origin.base() + path + "?token=" + token + tail + "&expires=" + expires;
		return new Signed(token, Map.of("url", url), null);
	}

	/** The token for a signed path, expiry, optional IP lock and sorted extra parameters. */
	static String token(RingKey key, String signedPath, String expires, String ip, Map<String, String> sorted) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.secret().getEncoded(), "HmacSHA256"));
			mac.update(signedPath.getBytes(StandardCharsets.UTF_8));
			mac.update(expires.getBytes(StandardCharsets.US_ASCII));
			if (ip != null) {
				mac.update(ipBytes(ip));
			}
			mac.update(sorted.entrySet().stream().map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining("&"))
				.getBytes(StandardCharsets.UTF_8));
			return "HS256-" + (ip == null ? "" : "1-") + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 with secret " + key.kid() + " failed");
		}
	}

	/** An IPv4 address's 4 bytes, or an IPv6 address's 16 with the last 8 zeroed (its /64). */
	private static byte[] ipBytes(String ip) {
		String address = ip.indexOf('/') >= 0 ? ip.substring(0, ip.indexOf('/')) : ip;
		try {
			byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal checked by AllowRules: no lookup
			if (bytes.length == 16) {
				Arrays.fill(bytes, 8, 16, (byte) 0);
			}
			return bytes;
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("allow.ips held a checked address that does not parse", ex);
		}
	}
}
