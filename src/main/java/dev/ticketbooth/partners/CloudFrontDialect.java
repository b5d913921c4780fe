package dev.ticketbooth.partners;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.RingKey;

/**
 * Amazon CloudFront signed URLs and signed cookies, from an RSA 2048 key whose public PEM was added
 * to CloudFront (Public keys, then a key group the distribution trusts); CloudFront's id for that
 * public key is the key's {@code partner_key_id} and becomes {@code Key-Pair-Id}.
 *
 * <p>One file: a canned policy ({@code Expires}, {@code Signature}, {@code Key-Pair-Id}). A folder,
 * or any URL locked to an IP: a custom policy ({@code Policy}, {@code Signature},
 * {@code Key-Pair-Id}) whose resource ends in {@code *} for a folder, and whose {@code IpAddress}
 * comes from the one {@code allow.ips} entry. The policy is compact JSON, signed with RSA PKCS#1
 * v1.5 over SHA-1 (or SHA-256 when the partner's {@code hash_algorithm} says so, adding
 * {@code Hash-Algorithm=SHA256}); policy and signature are base64 with {@code + = /} replaced by
 * {@code - _ ~}. Cookies carry the same values under {@code CloudFront-} names.
 */
public final class CloudFrontDialect implements VendorKeyDialect, SignedUrlDialect {

	/** The partner field (and setting) choosing SHA1 (the default) or SHA256. */
	public static final String HASH_ALGORITHM = PartnerRequest.HASH_ALGORITHM;

	private static final String SHA1 = "SHA1";

	private static final String SHA256 = "SHA256";

	private static final String COOKIE = "CloudFront-";

	@Override
	public String platform() {
		return "Amazon CloudFront";
	}

	@Override
	public Set<KeyAlgorithm> algorithms() {
		return Set.of(KeyAlgorithm.RS256); // CloudFront's public keys are RSA 2048
	}

	@Override
	public Map<String, String> checkSettings(Map<String, String> settings) {
		Map<String, String> checked = SignedUrlDialect.originAnd(settings, platform(), Set.of(HASH_ALGORITHM));
		String hash = settings.getOrDefault(HASH_ALGORITHM, SHA1);
		String upper = hash == null ? "" : hash.toUpperCase(Locale.ROOT);
		if (!upper.equals(SHA1) && !upper.equals(SHA256)) {
			throw ApiProblemException.badRequest("invalid-settings", HASH_ALGORITHM + " is SHA1 (the default) or SHA256");
		}
		checked.put(HASH_ALGORITHM, upper);
		return checked;
	}

	/** CloudFront holds our public key and knows it by its own id, the {@code Key-Pair-Id}. */
	@Override
	public String headerKid(RingKey key) {
		return VendorKeyDialect.assignedKid(key, "CloudFront public key id",
				"add the key's public PEM to CloudFront (Public keys), then record the ID it shows as partner_key_id");
	}

	/** An IP or IPv4 range; countries are a distribution's geo restriction, and referers no policy condition. */
	@Override
	public Set<String> expressibleRules() {
		return Set.of("ips");
	}

	@Override
	public void checkRules(AllowRules rules) {
		SignedUrlDialect.super.checkRules(rules);
		String ip = SignedUrlDialect.oneIp(rules, platform());
		if (ip != null && ip.indexOf(':') >= 0) {
			throw ApiProblemException.badRequest("rule-not-supported",
					"CloudFront policies take IPv4 addresses only (AWS:SourceIp); give an IPv4 address or range");
		}
	}

	@Override
	public Signed sign(Partner partner, Mint mint, RingKey key) {
		CdnOrigin origin = origin(partner);
		String keyPairId = headerKid(key);
		boolean sha256 = SHA256.equals(partner.settings().get(HASH_ALGORITHM));
		String url = origin.url(CdnOrigin.encode(mint.video()));
		String ip = SignedUrlDialect.oneIp(mint.rules(), platform());
		long expires = mint.expiresAt().getEpochSecond();
		boolean custom = origin.folder() || ip != null;
		String policy = policy(origin.folder() ? url + "*" : url, expires, ip == null ? null : cidr(ip));
		String signature = cloudFrontBase64(sign(policy, key, sha256));

		Map<String, String> query = new LinkedHashMap<>(); // the order of AWS's own signer
		if (custom) {
			query.put("Policy", cloudFrontBase64(policy.getBytes(StandardCharsets.UTF_8)));
		}
		else {
			query.put("Expires", Long.toString(expires));
		}
		query.put("Key-Pair-Id", keyPairId);
		query.put("Signature", signature);
		if (sha256) {
			query.put("Hash-Algorithm", SHA256);
		}
		StringBuilder signed = new StringBuilder(url);
		char separator = '?';
		for (Map.Entry<String, String> parameter : query.entrySet()) {
			signed.append(separator).append(parameter.getKey()).append('=').append(CdnOrigin.encode(parameter.getValue()));
			separator = '&';
		}

		Map<String, String> cookies = new LinkedHashMap<>();
		cookies.put(COOKIE + "Key-Pair-Id", keyPairId);
		cookies.put(COOKIE + "Signature", signature);
		if (custom) {
			cookies.put(COOKIE + "Policy", query.get("Policy"));
		}
		else {
			cookies.put(COOKIE + "Expires", Long.toString(expires));
		}
		if (sha256) {
			cookies.put(COOKIE + "Hash-Algorithm", SHA256);
		}
		return new Signed(null, Map.of("url", signed.toString()), cookies);
	}

	/**
	 * The policy as compact JSON: CloudFront checks a canned policy's signature against exactly this
	 * text, rebuilt from {@code Expires} and the URL. The resource is a URL we wrote from a checked
	 * origin and an encoded id, so it holds nothing JSON would escape.
	 */
	static String policy(String resource, long expires, String cidr) {
		return "{\"Statement\":[{\"Resource\":\"" + resource + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":"
				+ expires + "}" + (cidr == null ? "" : ",\"IpAddress\":{\"AWS:SourceIp\":\"" + cidr + "\"}") + "}}]}";
	}

	/** CloudFront wants a range: a lone address is its /32. */
	private static String cidr(String ip) {
		return ip.indexOf('/') >= 0 ? ip : ip + "/32";
	}

	private static byte[] sign(String policy, RingKey key, boolean sha256) {
		try {
			Signature signature = Signature.getInstance(sha256 ? "SHA256withRSA" : "SHA1withRSA");
			signature.initSign(key.privateKey());
			signature.update(policy.getBytes(StandardCharsets.UTF_8));
			return signature.sign();
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new IllegalStateException("Signing a CloudFront policy with key " + key.kid() + " failed", ex);
		}
	}

	/** Base64 with CloudFront's replacements for characters a URL would mangle: + to -, = to _, / to ~. */
	static String cloudFrontBase64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes).replace('+', '-').replace('=', '_').replace('/', '~');
	}
}
