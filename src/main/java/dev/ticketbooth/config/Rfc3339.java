package dev.ticketbooth.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * Times as the API takes them: RFC 3339 with an offset, in years 1970 to 9999. Java reads
 * {@code +99999-01-01T00:00:00Z} too, which no database column or partner would; it is refused
 * rather than stored.
 */
public final class Rfc3339 {

	private static final Instant FIRST = Instant.parse("1970-01-01T00:00:00Z");

	private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

	private Rfc3339() {
	}

	/** The instant, null for a null or blank value, or a 400 {@code invalid-time} naming {@code field}. */
	public static Instant parse(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			Instant at = OffsetDateTime.parse(value.trim()).toInstant();
			if (at.isBefore(FIRST) || at.isAfter(LAST)) {
				throw invalid(field, field + " must lie between the years 1970 and 9999");
			}
			return at;
		}
		catch (DateTimeParseException ex) {
			throw invalid(field, field + " must be an RFC 3339 time such as 2026-12-31T23:59:59Z");
		}
	}

	private static ApiProblemException invalid(String field, String detail) {
		return new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid-time", detail, Map.of("field", field));
	}
}
