package dev.ticketbooth.catalog;

import java.time.Instant;

/**
 * A group of videos a user can be granted: a course, package, category, season or series.
 *
 * @param externalId the id another system knows it by (e.g. a Vimond package id)
 * @param parentId the enclosing collection (a season's series), or null
 */
public record Collection(String id, CollectionKind kind, String title, String externalId, String parentId,
		Instant createdAt) {
}
