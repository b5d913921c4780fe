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
 * percentages of the time axis, ready for an SVG.
 *
 * @param vendorKeyIds a platform using the set knows its keys only by the ids it assigned: each
 *     row shows the key's id there, or that none is recorded
 * @param keyLimitWarning set when the set holds more NEXT, ACTIVE and RETIRED keys than a platform
 *     using it accepts
 */
record KeyTimeline(String set, Instant from, Instant to, double nowAt, Double rotationAt, List<Row> rows,
		boolean vendorKeyIds, String keyLimitWarning) {

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
		Instant from = shown.stream().map(RingKey::createdAt).min(Comparator.naturalOrder()).orElse(now)
			.minus(Duration.ofHours(1));
		RingKey active = shown.stream().filter(k -> k.state() == KeyState.ACTIVE).findFirst().orElse(null);
		Instant rotation = active == null ? null
				: RotationSchedule.of(properties).rotationDueAt(active.activatedAt(), active.createdAt());
		Instant to = now.plus(properties.retention()).plus(Duration.ofDays(2));
		if (rotation != null && rotation.plus(Duration.ofDays(2)).isAfter(to)) {
			to = rotation.plus(Duration.ofDays(2));
		}
		Axis axis = new Axis(from, to);
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
				removal = axis.at(removalAt);
			}
			rows.add(new Row(key.kid(), key.state().name(), key.partnerKeyId(), segments, removal));
		}
		return new KeyTimeline(set, from, to, axis.at(now), rotation == null ? null : axis.at(rotation), rows,
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
