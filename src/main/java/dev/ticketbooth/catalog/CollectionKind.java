package dev.ticketbooth.catalog;

import java.util.Arrays;
import java.util.Locale;

import dev.ticketbooth.config.ApiProblemException;

/** What a collection is, in the platforms' words. */
public enum CollectionKind {

	COURSE, PACKAGE, CATEGORY, SEASON, SERIES;

	public static CollectionKind parse(String value) {
		return Arrays.stream(values()).filter(k -> value != null && k.name().equals(value.toUpperCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> ApiProblemException.badRequest("invalid-collection-kind",
					"A collection kind is one of course, package, category, season, series"));
	}
}
