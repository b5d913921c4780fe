package dev.ticketbooth.partners;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.geo.IpAddresses;

/**
 * A token's {@code access.allow} rules, as Vidbeo defines them: at most five each of IP
 * addresses or CIDR ranges (IPv4 and IPv6), origins ({@code scheme://host[:port]}) and
 * countries (ISO 3166-1 alpha-2, lower-case). Kinds combine with AND. Values are normalised.
 * It lives with partners because a partner's own rules ({@link PartnerRules}) take the same form,
 * and both playback (minting) and decisions (checking) sit above this package.
 */
public record AllowRules(List<String> ips, List<String> origins, List<String> countries) {

	public static final int MAX_PER_KIND = 5;

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	public static final AllowRules NONE = new AllowRules(List.of(), List.of(), List.of());

	/** Rules no request passes: for a signed token whose rules we cannot read. */
	public static final AllowRules NOTHING = new AllowRules(List.of("0.0.0.0/32"), List.of(), List.of());

	public AllowRules {
		ips = List.copyOf(ips);
		origins = List.copyOf(origins);
		countries = List.copyOf(countries);
	}

	public boolean isEmpty() {
		return ips.isEmpty() && origins.isEmpty() && countries.isEmpty();
	}

	/** {@code {"access":{"allow":{...}}}} content, omitting empty kinds. */
	public Map<String, Object> claim() {
		Map<String, Object> allow = new LinkedHashMap<>();
		if (!ips.isEmpty()) {
			allow.put("ips", ips);
		}
		if (!origins.isEmpty()) {
			allow.put("origins", origins);
		}
		if (!countries.isEmpty()) {
			allow.put("countries", countries);
		}
		return Map.of("allow", allow);
	}

	public static AllowRules of(List<String> ips, List<String> origins, List<String> countries) {
		return new AllowRules(normalise("ips", ips, AllowRules::ip), normalise("origins", origins, AllowRules::origin),
				normalise("countries", countries, AllowRules::country));
	}

	private static List<String> normalise(String kind, List<String> values, java.util.function.Function<String, String> check) {
		if (values == null) {
			return List.of();
		}
		if (values.size() > MAX_PER_KIND) {
			throw ApiProblemException.badRequest("too-many-" + kind, "At most " + MAX_PER_KIND + " " + kind + " per token");
		}
		List<String> out = new ArrayList<>();
		for (String value : values) {
			if (value == null) {
				throw ApiProblemException.badRequest("invalid-" + kind, kind + " may not contain null");
			}
			String normalised = check.apply(value.trim());
			if (!out.contains(normalised)) {
				out.add(normalised);
			}
		}
		return out;
	}

	/** An address or CIDR range, IPv4 or IPv6, written canonically. Never resolves a host name. */
	static String ip(String value) {
		return IpAddresses.parseRange(value).map(IpAddresses.Range::text)
			.orElseThrow(() -> ApiProblemException.badRequest("invalid-ips",
					"'" + value + "' is not an IPv4/IPv6 address or CIDR range"));
	}

	static String origin(String value) {
		try {
			URI uri = new URI(value);
			String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null || uri.getRawUserInfo() != null
					|| (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
					|| uri.getRawFragment() != null) {
				throw invalidOrigin(value);
			}
			return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
		}
		catch (URISyntaxException ex) {
			throw invalidOrigin(value);
		}
	}

	static String country(String value) {
		String upper = value.toUpperCase(Locale.ROOT);
		if (upper.length() != 2 || !COUNTRIES.contains(upper)) {
			throw ApiProblemException.badRequest("invalid-countries",
					"'" + value + "' is not an ISO 3166-1 alpha-2 country code");
		}
		return upper.toLowerCase(Locale.ROOT);
	}

	private static ApiProblemException invalidOrigin(String value) {
		return ApiProblemException.badRequest("invalid-origins", "'" + value + "' is not an origin (scheme://host[:port])");
	}
}
