package dev.ticketbooth.catalog;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.ticketbooth.config.ApiProblemException;

/** What a collection is, in the platforms' words. */
public enum CollectionKind {

	COURSE, PACKAGE, CATEGORY, SEASON, SERIES;

	/** As requests write it, and so as answers show it. */
	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static CollectionKind parse(String value) {
		return Arrays.stream(values()).filter(k -> value != null && k.name().equals(value.toUpperCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> ApiProblemException.badRequest("invalid-collection-kind",
					"A collection kind is one of course, package, category, season, series"));
	}
}
