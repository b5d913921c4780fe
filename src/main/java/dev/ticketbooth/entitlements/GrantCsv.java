package dev.ticketbooth.entitlements;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ticketbooth.config.ApiProblemException;

/**
 * Grants from CSV as LMS and billing systems export them: a header row naming the columns
 * ({@code user, collection, video, kind, quality, stream_count, valid_from, valid_until,
 * external_ref}; order free, unknown columns refused), RFC 4180 quoting.
 */
final class GrantCsv {

	private static final List<String> COLUMNS = List.of("user", "collection", "video", "kind", "quality", "stream_count",
			"valid_from", "valid_until", "external_ref");

	private GrantCsv() {
	}

	static List<GrantRequest> parse(String csv) {
		List<List<String>> rows = rows(csv);
		if (rows.isEmpty()) {
			throw ApiProblemException.badRequest("invalid-csv", "The CSV has no header row");
		}
		List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
		for (String column : header) {
			if (!COLUMNS.contains(column)) {
				throw ApiProblemException.badRequest("invalid-csv", "Unknown column '" + column + "'; known: " + COLUMNS);
			}
		}
		if (!header.contains("user") || !header.contains("kind")) {
			throw ApiProblemException.badRequest("invalid-csv", "The header must name at least user and kind");
		}
		if (rows.size() - 1 > Grants.MAX_IMPORT) {
			throw ApiProblemException.badRequest("import-too-large", "At most " + Grants.MAX_IMPORT + " grants per import");
		}
		List<GrantRequest> requests = new ArrayList<>();
		for (int i = 1; i < rows.size(); i++) {
			List<String> row = rows.get(i);
			if (row.size() == 1 && row.get(0).isBlank()) {
				continue;
			}
			if (row.size() != header.size()) {
				throw ApiProblemException.badRequest("invalid-csv",
						"Line " + (i + 1) + " has " + row.size() + " fields; the header has " + header.size());
			}
			Map<String, String> values = new HashMap<>();
			for (int c = 0; c < header.size(); c++) {
				String value = row.get(c).trim();
				values.put(header.get(c), value.isEmpty() ? null : value);
			}
			requests.add(new GrantRequest(values.get("user"), values.get("collection"), values.get("video"),
					values.get("kind"), values.get("quality"), streamCount(values.get("stream_count"), i + 1),
					values.get("valid_from"), values.get("valid_until"), values.get("external_ref")));
		}
		return requests;
	}

	private static Integer streamCount(String value, int line) {
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw ApiProblemException.badRequest("invalid-csv", "Line " + line + ": stream_count is not a number");
		}
	}

	/** RFC 4180: fields separated by commas, optionally quoted with "" as an escaped quote. */
	private static List<List<String>> rows(String csv) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < csv.length(); i++) {
			char c = csv.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
					i++;
				}
				row.add(field.toString());
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
			}
			else {
				field.append(c);
			}
		}
		if (quoted) {
			throw ApiProblemException.badRequest("invalid-csv", "A quoted field is not closed");
		}
		if (field.length() > 0 || !row.isEmpty()) {
			row.add(field.toString());
			rows.add(row);
		}
		return rows;
	}
}
