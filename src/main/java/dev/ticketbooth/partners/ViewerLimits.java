package dev.ticketbooth.partners;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketbooth.config.ApiProblemException;

/**
 * A partner's viewer-session settings (docs/sessions.md). Null limits mean none from the partner
 * (a grant's {@code stream_count} still limits streams).
 *
 * @param maxStreams concurrent streams per user when the allowing grant names none
 * @param streamLimitPolicy what the stream beyond the limit meets: {@code block-new} or {@code kick-oldest}
 * @param maxDevices devices per user
 * @param deviceSlotCooldown how long a removed device's slot stays taken, so that swapping devices cannot share an account
 * @param singleUse whether decisions accept each token (by {@code jti}) once
 */
public record ViewerLimits(Integer maxStreams, String streamLimitPolicy, Integer maxDevices, @JsonIgnore Duration deviceSlotCooldown,
		boolean singleUse) {

	public static final String BLOCK_NEW = "block-new";

	public static final String KICK_OLDEST = "kick-oldest";

	public static final Duration DEFAULT_COOLDOWN = Duration.ofHours(24);

	/** No limits: what a partner has unless an operator sets some. */
	public static final ViewerLimits NONE = new ViewerLimits(null, BLOCK_NEW, null, DEFAULT_COOLDOWN, false);

	public ViewerLimits {
		streamLimitPolicy = streamLimitPolicy == null ? BLOCK_NEW : streamLimitPolicy;
		deviceSlotCooldown = deviceSlotCooldown == null ? DEFAULT_COOLDOWN : deviceSlotCooldown;
	}

	@JsonProperty("device_slot_cooldown_seconds")
	public long deviceSlotCooldownSeconds() {
		return deviceSlotCooldown.toSeconds();
	}

	/** Whether the oldest session gives way to a new one beyond the limit. */
	public boolean kicksOldest() {
		return KICK_OLDEST.equals(streamLimitPolicy);
	}

	/**
	 * The settings as operators send them ({@code max_streams}, {@code stream_limit_policy},
	 * {@code max_devices}, {@code device_slot_cooldown_seconds}, {@code single_use}); 400
	 * {@code invalid-viewer-limits} for a value out of range.
	 */
	static ViewerLimits check(Integer maxStreams, String policy, Integer maxDevices, Long cooldownSeconds, Boolean singleUse) {
		if (maxStreams != null && (maxStreams < 1 || maxStreams > 1000)) {
			throw invalid("max_streams is 1-1000 (or absent for no limit)");
		}
		if (maxDevices != null && (maxDevices < 1 || maxDevices > 1000)) {
			throw invalid("max_devices is 1-1000 (or absent for no limit)");
		}
		if (policy != null && !BLOCK_NEW.equals(policy) && !KICK_OLDEST.equals(policy)) {
			throw invalid("stream_limit_policy is block-new or kick-oldest");
		}
		if (cooldownSeconds != null && (cooldownSeconds < 0 || cooldownSeconds > Duration.ofDays(365).toSeconds())) {
			throw invalid("device_slot_cooldown_seconds is 0 to 31536000");
		}
		return new ViewerLimits(maxStreams, policy, maxDevices,
				cooldownSeconds == null ? null : Duration.ofSeconds(cooldownSeconds), Boolean.TRUE.equals(singleUse));
	}

	/** From the JSON body of {@code PUT /api/admin/partners/{id}/viewer-limits}. */
	static ViewerLimits fromJson(Map<String, Object> body) {
		try {
			return check(integer(body.get("max_streams")), (String) body.get("stream_limit_policy"),
					integer(body.get("max_devices")),
					body.get("device_slot_cooldown_seconds") == null ? null
							: ((Number) body.get("device_slot_cooldown_seconds")).longValue(),
					(Boolean) body.get("single_use"));
		}
		catch (ClassCastException ex) {
			throw invalid("max_streams, max_devices and device_slot_cooldown_seconds are numbers, stream_limit_policy a "
					+ "string, single_use a boolean");
		}
	}

	private static Integer integer(Object value) {
		if (value == null) {
			return null;
		}
		Number number = (Number) value;
		if (number.doubleValue() != Math.rint(number.doubleValue()) || Math.abs(number.doubleValue()) > Integer.MAX_VALUE) {
			throw invalid("limits are whole numbers");
		}
		return number.intValue();
	}

	private static ApiProblemException invalid(String detail) {
		return ApiProblemException.badRequest("invalid-viewer-limits", detail);
	}
}
