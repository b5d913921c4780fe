package dev.ticketbooth.partners;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.ticketbooth.config.ApiProblemException;

/**
 * Rules a partner applies to every decision, on top of each token's own: allowed IPs, origins
 * and countries (as in {@link AllowRules}) and time windows when playback is allowed.
 */
public record PartnerRules(AllowRules allow, List<TimeWindow> windows) {

	public static final PartnerRules NONE = new PartnerRules(AllowRules.NONE, List.of());

	public PartnerRules {
		windows = List.copyOf(windows);
	}

	/**
	 * Playback allowed on these days between {@code from} (inclusive) and {@code until}
	 * (exclusive), local time in {@code zone}; {@code until} before {@code from} spans midnight.
	 */
	public record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime until, ZoneId zone) {

		public boolean contains(Instant at) {
			ZonedDateTime local = at.atZone(zone);
			LocalTime time = local.toLocalTime();
			boolean spansMidnight = until.isBefore(from);
			if (!spansMidnight) {
				return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(until);
			}
			if (!time.isBefore(from)) {
				return days.contains(local.getDayOfWeek());
			}
			return time.isBefore(until) && days.contains(local.getDayOfWeek().minus(1));
		}

		Map<String, Object> json() {
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("days", days.stream().map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT)).toList());
			out.put("from", from.toString());
			out.put("until", until.toString());
			out.put("zone", zone.getId());
			return out;
		}
	}

	public boolean allowsAt(Instant at) {
		return windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(at));
	}

	Map<String, Object> json() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("ips", allow.ips());
		out.put("origins", allow.origins());
		out.put("countries", allow.countries());
		out.put("windows", windows.stream().map(TimeWindow::json).toList());
		return out;
	}

	@SuppressWarnings("unchecked")
	static PartnerRules parse(Map<String, Object> json) {
		if (json == null || json.isEmpty()) {
			return NONE;
		}
		AllowRules allow = AllowRules.of(strings(json.get("ips")), strings(json.get("origins")),
				strings(json.get("countries")));
		List<TimeWindow> windows = new ArrayList<>();
		Object raw = json.get("windows");
		if (raw != null) {
			if (!(raw instanceof List<?> list) || list.size() > 20) {
				throw invalid("windows is a list of at most 20 time windows");
			}
			for (Object item : list) {
				if (!(item instanceof Map<?, ?> window)) {
					throw invalid("a time window is an object");
				}
				windows.add(window((Map<String, Object>) window));
			}
		}
		return new PartnerRules(allow, windows);
	}

	private static TimeWindow window(Map<String, Object> json) {
		try {
			Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
			List<String> names = json.get("days") == null ? List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")
					: strings(json.get("days"));
			for (String name : names) {
				days.add(java.util.Arrays.stream(DayOfWeek.values())
					.filter(d -> d.name().substring(0, 3).equalsIgnoreCase(name)).findFirst()
					.orElseThrow(() -> invalid("days are mon, tue, wed, thu, fri, sat, sun")));
			}
			LocalTime from = LocalTime.parse(String.valueOf(json.get("from")));
			LocalTime until = LocalTime.parse(String.valueOf(json.get("until")));
			ZoneId zone = ZoneId.of(json.get("zone") == null ? "UTC" : String.valueOf(json.get("zone")));
			if (from.equals(until)) {
				throw invalid("a time window's from and until differ");
			}
			return new TimeWindow(days, from, until, zone);
		}
		catch (java.time.DateTimeException ex) {
			throw invalid("a time window has from/until as HH:MM and a zone id such as Europe/Madrid");
		}
	}

	private static List<String> strings(Object value) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
			throw invalid("rule values are lists of strings");
		}
		return list.stream().map(String::valueOf).toList();
	}

	private static ApiProblemException invalid(String detail) {
		return ApiProblemException.badRequest("invalid-rules", detail);
	}
}
