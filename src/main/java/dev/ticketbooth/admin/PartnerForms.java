package dev.ticketbooth.admin;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.partners.PartnerRules;

/**
 * The partner form's text fields and the API's JSON shapes, both ways: maps as {@code name=value}
 * lines, and time windows as {@code mon,tue,wed 09:00-17:00 Europe/Madrid} lines (days {@code *}
 * for every day; zone UTC when left out). Only the shape: {@link PartnerRules} checks the values.
 */
final class PartnerForms {

	private PartnerForms() {
	}

	static String lines(Map<String, String> map) {
		return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
	}

	/** {@code name=value} lines; null when the field is empty (the profile's defaults). */
	static Map<String, String> pairs(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		Map<String, String> out = new LinkedHashMap<>();
		int n = 0;
		for (String line : text.split("\\R")) {
			n++;
			if (line.isBlank()) {
				continue;
			}
			int eq = line.indexOf('=');
			if (eq <= 0) {
				throw ApiProblemException.badRequest("invalid-form", field + ", line " + n + ": write name=value");
			}
			out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
		}
		return out;
	}

	static String window(PartnerRules.TimeWindow window) {
		String days = window.days().size() == 7 ? "*"
				: window.days().stream().sorted().map(ConsolePartnersController::day).collect(Collectors.joining(","));
		return days + " " + window.from() + "-" + window.until() + " " + window.zone().getId();
	}

	static List<Map<String, Object>> windows(String text) {
		List<Map<String, Object>> out = new ArrayList<>();
		if (text == null) {
			return out;
		}
		int n = 0;
		for (String line : text.split("\\R")) {
			n++;
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.trim().split("\\s+");
			String[] times = parts.length < 2 ? new String[0] : parts[1].split("-");
			if (parts.length > 3 || times.length != 2) {
				throw ApiProblemException.badRequest("invalid-rules", "Time windows, line " + n
						+ ": write days, from-until and a zone, e.g. mon,tue,wed 09:00-17:00 Europe/Madrid");
			}
			Map<String, Object> window = new LinkedHashMap<>();
			window.put("days", parts[0].equals("*") ? Arrays.stream(DayOfWeek.values()).map(ConsolePartnersController::day)
				.toList() : Arrays.asList(parts[0].split(",")));
			window.put("from", times[0]);
			window.put("until", times[1]);
			window.put("zone", parts.length == 3 ? parts[2] : "UTC");
			out.add(window);
		}
		return out;
	}
}
