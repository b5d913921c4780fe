package dev.ticketbooth.config;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from {@code timestamp with time zone} columns the same way on H2 and
 * PostgreSQL (PostgreSQL's driver binds OffsetDateTime, not Instant; both keep microseconds).
 */
public final class DbTime {

	private DbTime() {
	}

	public static OffsetDateTime bind(Instant instant) {
		return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
	}

	public static Instant read(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	/** Now, at the precision the database keeps, so values read back compare equal. */
	public static Instant now(java.time.Clock clock) {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}
}
