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
 * external_ref}; order free, unknown columns refused), RFC 4180 quoting. Each grant keeps the
 * line of the file it starts on (the header is line 1; a quoted field may span lines), so errors
 * point where an operator would look.
 */
final class GrantCsv {

	private static final List<String> COLUMNS = List.of("user", "collection", "video", "kind", "quality", "stream_count",
			"valid_from", "valid_until", "external_ref");

	private GrantCsv() {
	}

	/** A grant and the line of the file it starts on. */
	record Line(int number, GrantRequest request) {
	}

	private record Row(int line, List<String> fields) {
	}

	static List<Line> parse(String csv) {
		List<Row> rows = rows(csv);
		if (rows.isEmpty()) {
			throw ApiProblemException.badRequest("invalid-csv", "The CSV has no header row");
		}
		List<String> header = rows.get(0).fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
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
		List<Line> requests = new ArrayList<>();
		for (int i = 1; i < rows.size(); i++) {
			List<String> row = rows.get(i).fields();
			int line = rows.get(i).line();
			if (row.size() == 1 && row.get(0).isBlank()) {
				continue;
			}
			if (row.size() != header.size()) {
				throw ApiProblemException.badRequest("invalid-csv",
						"Line " + line + " has " + row.size() + " fields; the header has " + header.size());
			}
			Map<String, String> values = new HashMap<>();
			for (int c = 0; c < header.size(); c++) {
				String value = row.get(c).trim();
				values.put(header.get(c), value.isEmpty() ? null : value);
			}
			requests.add(new Line(line, new GrantRequest(values.get("user"), values.get("collection"), values.get("video"),
					values.get("kind"), values.get("quality"), streamCount(values.get("stream_count"), line),
					values.get("valid_from"), values.get("valid_until"), values.get("external_ref"))));
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
	private static List<Row> rows(String csv) {
		List<Row> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		int line = 1;
		int rowLine = 1;
		for (int i = 0; i < csv.length(); i++) {
			char c = csv.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 == csv.length() || csv.charAt(i + 1) != '\n'))) {
				line++; // counted here so that line breaks inside quoted fields count too
			}
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
					line++;
				}
				row.add(field.toString());
				field.setLength(0);
				rows.add(new Row(rowLine, row));
				row = new ArrayList<>();
				rowLine = line;
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
			rows.add(new Row(rowLine, row));
		}
		return rows;
	}
}
