package dev.ticketbooth.oidc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Builds Vimond's play-flow claims from a user's entitlements, following Vimond's rules: only
 * current entitlements; SVOD packages grouped by equal quality, stream count and end; SVOD before
 * TVOD; the best quality and stream count first; TVOD asset ids ({@code a}) and immediate parent
 * category ids ({@code c}) with the most recent first. When the claims exceed the byte budget,
 * the oldest TVOD ids are left out and {@code has_more_tvod} is set, so Vimond asks our external
 * entitlement endpoint for the rest.
 */
final class VimondClaims {

	/** Best first; a quality not listed ranks below all listed ones. */
	static final List<String> QUALITY_ORDER = List.of("8k", "4k", "uhd", "fhd", "hd", "sd");

	private static final Pattern NUMERIC = Pattern.compile("[1-9]\\d{0,14}");

	private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
		.withZone(ZoneOffset.UTC);

	record Options(boolean uriClaimNames, boolean legacy, int budgetBytes) {
	}

	record Flags(boolean deviceRuleBypass, boolean geoblockBypass) {
	}

	private VimondClaims() {
	}

	static Map<String, Object> build(List<VimondEntitlement> all, Flags flags, Options options, Instant now) {
		List<VimondEntitlement> current = all.stream().filter(e -> e.until() == null || now.isBefore(e.until())).toList();
		Map<String, Object> claims = new LinkedHashMap<>();
		if (options.legacy()) {
			legacy(current, claims, options);
		}
		else {
			List<VimondEntitlement> tvod = current.stream().filter(e -> e.kind() != VimondEntitlement.Kind.SVOD)
				.sorted(Comparator.comparing(VimondEntitlement::acquiredAt).reversed()).toList();
			int kept = tvod.size();
			Map<String, Object> attempt = entitlements(current, tvod, kept, flags, options);
			if (size(attempt) > options.budgetBytes()) {
				int low = 0;
				int high = tvod.size() - 1;
				while (low < high) { // the most recent TVOD ids that still fit
					int mid = (low + high + 1) >>> 1;
					if (size(entitlements(current, tvod, mid, flags, options)) <= options.budgetBytes()) {
						low = mid;
					}
					else {
						high = mid - 1;
					}
				}
				kept = low;
				attempt = entitlements(current, tvod, kept, flags, options);
			}
			return attempt;
		}
		flags(claims, flags, options);
		return claims;
	}

	private static Map<String, Object> entitlements(List<VimondEntitlement> current, List<VimondEntitlement> tvodNewestFirst,
			int keepTvod, Flags flags, Options options) {
		List<Map<String, Object>> list = new ArrayList<>();
		list.addAll(svodGroups(current));
		list.addAll(tvodGroups(tvodNewestFirst.subList(0, keepTvod)));
		Map<String, Object> claims = new LinkedHashMap<>();
		if (!list.isEmpty()) {
			claims.put(name("entitlements", options), list);
		}
		flags(claims, flags, options);
		if (keepTvod < tvodNewestFirst.size()) {
			claims.put(options.uriClaimNames() ? "https://vimond/has_more_tvod" : "has_more_tvod", true);
		}
		return claims;
	}

	private record SvodKey(String quality, Integer streamCount, Instant until) {
	}

	private record TvodKey(String quality, Integer streamCount) {
	}

	private static List<Map<String, Object>> svodGroups(List<VimondEntitlement> current) {
		Map<SvodKey, Set<String>> groups = new LinkedHashMap<>();
		current.stream().filter(e -> e.kind() == VimondEntitlement.Kind.SVOD)
			.forEach(e -> groups.computeIfAbsent(new SvodKey(e.quality(), e.streamCount(), e.until()), k -> new LinkedHashSet<>())
				.add(e.id()));
		return groups.entrySet().stream()
			.sorted(Comparator.comparing((Map.Entry<SvodKey, Set<String>> g) -> rank(g.getKey().quality()))
				.thenComparing(g -> -streams(g.getKey().streamCount()))
				.thenComparing(g -> g.getKey().until() == null ? Instant.MAX : g.getKey().until(), Comparator.reverseOrder()))
			.map(g -> {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("svod", String.join(",", g.getValue()));
				attributes(entry, g.getKey().quality(), g.getKey().streamCount());
				if (g.getKey().until() != null) {
					entry.put("until", UNTIL.format(g.getKey().until()));
				}
				return entry;
			})
			.toList();
	}

	private static List<Map<String, Object>> tvodGroups(List<VimondEntitlement> newestFirst) {
		Map<TvodKey, List<VimondEntitlement>> groups = new LinkedHashMap<>();
		newestFirst.forEach(e -> groups.computeIfAbsent(new TvodKey(e.quality(), e.streamCount()), k -> new ArrayList<>()).add(e));
		return groups.entrySet().stream()
			.sorted(Comparator.comparing((Map.Entry<TvodKey, List<VimondEntitlement>> g) -> rank(g.getKey().quality()))
				.thenComparing(g -> -streams(g.getKey().streamCount())))
			.map(g -> {
				Map<String, Object> ids = new LinkedHashMap<>();
				List<Object> assets = ids(g.getValue(), VimondEntitlement.Kind.TVOD_ASSET);
				List<Object> categories = ids(g.getValue(), VimondEntitlement.Kind.TVOD_CATEGORY);
				if (!assets.isEmpty()) {
					ids.put("a", assets);
				}
				if (!categories.isEmpty()) {
					ids.put("c", categories);
				}
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("tvod", ids);
				attributes(entry, g.getKey().quality(), g.getKey().streamCount());
				return entry;
			})
			.toList();
	}

	private static List<Object> ids(List<VimondEntitlement> entitlements, VimondEntitlement.Kind kind) {
		return entitlements.stream().filter(e -> e.kind() == kind).map(VimondEntitlement::id).distinct()
			.map(id -> NUMERIC.matcher(id).matches() ? (Object) Long.valueOf(id) : id).toList();
	}

	/** The legacy single-entitlement form: the best SVOD group only (it cannot carry TVOD). */
	private static void legacy(List<VimondEntitlement> current, Map<String, Object> claims, Options options) {
		List<Map<String, Object>> svod = svodGroups(current);
		if (svod.isEmpty()) {
			return;
		}
		Map<String, Object> best = svod.get(0);
		claims.put(name("svod", options), best.get("svod"));
		if (best.containsKey("quality")) {
			claims.put(name("quality", options), best.get("quality"));
		}
		if (best.containsKey("streamcount")) {
			claims.put(name("streamcount", options), best.get("streamcount"));
		}
	}

	private static void flags(Map<String, Object> claims, Flags flags, Options options) {
		if (flags.deviceRuleBypass()) {
			claims.put(name("devicerule", options), "*");
		}
		if (flags.geoblockBypass()) {
			claims.put(name("geoblock", options), Map.of("bypass", true));
		}
	}

	private static void attributes(Map<String, Object> entry, String quality, Integer streamCount) {
		if (quality != null) {
			entry.put("quality", quality);
		}
		if (streamCount != null) {
			entry.put("streamcount", String.valueOf(streamCount));
		}
	}

	static String name(String claim, Options options) {
		return options.uriClaimNames() ? "https://vimond/" + claim : "vimond_" + claim;
	}

	private static int rank(String quality) {
		int index = quality == null ? -1 : QUALITY_ORDER.indexOf(quality.toLowerCase(java.util.Locale.ROOT));
		return index < 0 ? QUALITY_ORDER.size() + (quality == null ? 1 : 0) : index;
	}

	private static int streams(Integer streamCount) {
		return Objects.requireNonNullElse(streamCount, 0);
	}

	/** Bytes of the claims as they will sit in the JSON payload (without the outer braces). */
	static int size(Map<String, Object> claims) {
		return JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8).length;
	}
}
