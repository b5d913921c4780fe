package dev.ticketbooth.catalog;

import java.time.Instant;

/** A video, by the id its platform gave it (Vidbeo, Kinescope, StreamAMG entry id...). */
public record Video(String id, String title, Instant createdAt) {
}
