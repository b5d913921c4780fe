package dev.ticketbooth.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

import dev.ticketbooth.keys.KeyProperties;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.keys.KeyState;
import dev.ticketbooth.keys.RingKey;
import dev.ticketbooth.keys.RotationSchedule;

/**
 * The key ring of one set as a picture: one row per key with its NEXT, ACTIVE and RETIRED spans
 * against time, "now", the next scheduled rotation and each retention end. Positions are
 * percentages of the time axis, ready for an SVG. The axis spans the keys' own dates (the oldest
 * key's creation to now), so keys made a minute ago fill the picture instead of being slivers of
 * a month; a future mark (rotation, retention end) widens it only when it is no further ahead
 * than the keys are old, and is otherwise named below the picture with its date.
 *
 * @param rotationAt where the next scheduled rotation is drawn, or null (off the axis, or never)
 * @param rotationDue when the schedule rotates the set next; null for a set it never rotates
 *     ({@link KeySet#rotatesOnSchedule()})
 * @param vendorKeyIds a platform using the set knows its keys only by the ids it assigned: each
 *     row shows the key's id there, or that none is recorded
 * @param keyLimitWarning set when the set holds more NEXT, ACTIVE and RETIRED keys than a platform
 *     using it accepts
 */
record KeyTimeline(String set, Instant from, Instant to, double nowAt, Double rotationAt, Instant rotationDue,
		List<Row> rows, boolean vendorKeyIds, String keyLimitWarning) {

	record Segment(String state, double x, double width, Instant start, Instant end) {
	}

	record Row(String kid, String state, String partnerKeyId, List<Segment> segments, Double removalAt) {
	}

	/**
	 * @param vendorKeyLimit the fewest keys any platform of the set's partners holds per account or
	 *     region, if one caps them
	 */
	static KeyTimeline of(KeySet keySet, OptionalInt vendorKeyLimit, List<RingKey> keys, KeyProperties properties,
			Instant now) {
		String set = keySet.name();
		List<RingKey> shown = keys.stream().filter(k -> k.keySet().equals(set) && k.state() != KeyState.REVOKED)
			.sorted(Comparator.comparing(RingKey::createdAt)).toList();
		RingKey active = shown.stream().filter(k -> k.state() == KeyState.ACTIVE).findFirst().orElse(null);
		// a set the schedule never rotates has no next rotation to draw
		Instant rotation = active == null || !keySet.rotatesOnSchedule() ? null
				: RotationSchedule.of(properties).rotationDueAt(active.activatedAt(), active.createdAt());
		List<Instant> removals = shown.stream().filter(k -> k.retiredAt() != null)
			.map(k -> k.removalAt(properties.retention())).toList();
		Axis axis = Axis.around(shown.stream().map(RingKey::createdAt).min(Comparator.naturalOrder()).orElse(now), now,
				rotation, removals);
		List<Row> rows = new ArrayList<>();
		for (RingKey key : shown) {
			List<Segment> segments = new ArrayList<>();
			Instant activated = key.activatedAt();
			Instant retired = key.retiredAt();
			Instant nextEnd = activated != null ? activated : now;
			if (activated == null || activated.isAfter(key.createdAt())) {
				segments.add(axis.segment("NEXT", key.createdAt(), nextEnd));
			}
			if (activated != null) {
				segments.add(axis.segment("ACTIVE", activated, retired != null ? retired : now));
			}
			Double removal = null;
			if (retired != null) {
				Instant removalAt = key.removalAt(properties.retention());
				segments.add(axis.segment("RETIRED", retired, removalAt.isBefore(now) ? removalAt : now));
				removal = axis.shows(removalAt) ? axis.at(removalAt) : null;
			}
			rows.add(new Row(key.kid(), key.state().name(), key.partnerKeyId(), segments, removal));
		}
		return new KeyTimeline(set, axis.from(), axis.to(), axis.at(now),
				rotation == null || !axis.shows(rotation) ? null : axis.at(rotation), rotation, rows,
				keySet.vendorKeyIds(), keyLimitWarning(shown, vendorKeyLimit));
	}

	/** {@code shown}: the set's NEXT, ACTIVE and RETIRED keys (a revoked key should be deleted at the platform). */
	static String keyLimitWarning(List<RingKey> shown, OptionalInt limit) {
		int held = shown.size();
		if (limit.isEmpty() || held <= limit.getAsInt()) {
			return null;
		}
		return "This set holds " + held + " keys (NEXT, ACTIVE and RETIRED) but a platform using it accepts at most "
				+ limit.getAsInt() + ": it cannot hold them all. Delete retired keys there, or rotate less often.";
	}

	private record Axis(Instant from, Instant to) {

		/** Where the time axis starts, in percent of the width; the labels sit left of it. */
		static final double LABELS = 32;

		static final Duration MIN_PADDING = Duration.ofSeconds(1);

		/** From the oldest key to now, widened to future marks no further ahead than that span. */
		static Axis around(Instant oldest, Instant now, Instant rotation, List<Instant> removals) {
			Duration age = Duration.between(oldest, now);
			Duration padding = age.dividedBy(20).compareTo(MIN_PADDING) < 0 ? MIN_PADDING : age.dividedBy(20);
			Instant end = now;
			List<Instant> marks = new ArrayList<>(removals);
			if (rotation != null) {
				marks.add(rotation);
			}
			for (Instant mark : marks) {
				if (mark.isAfter(end) && !mark.isAfter(now.plus(age))) {
					end = mark;
				}
			}
			return new Axis(oldest.minus(padding), end.plus(padding));
		}

		boolean shows(Instant instant) {
			return !instant.isBefore(from) && !instant.isAfter(to);
		}

		double at(Instant instant) {
			double span = Duration.between(from, to).toMillis();
			double x = Duration.between(from, instant).toMillis() / span;
			return LABELS + Math.max(0, Math.min(1, x)) * (100 - LABELS);
		}

		Segment segment(String state, Instant start, Instant end) {
			double x = at(start);
			return new Segment(state, x, Math.max(0.4, at(end) - x), start, end);
		}
	}
}
