package dev.ticketbooth.entitlements;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.ticketbooth.config.ApiProblemException;

/** How the user came to hold access. */
public enum GrantKind {

	SUBSCRIPTION, PURCHASE, RENTAL, TRIAL, ROLE;

	/** As requests write it, and so as answers show it. */
	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static GrantKind parse(String value) {
		return Arrays.stream(values()).filter(k -> value != null && k.name().equals(value.trim().toUpperCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> ApiProblemException.badRequest("invalid-grant-kind",
					"A grant kind is one of subscription, purchase, rental, trial, role"));
	}
}
