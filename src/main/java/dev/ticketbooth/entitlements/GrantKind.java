package dev.ticketbooth.entitlements;

import java.util.Arrays;
import java.util.Locale;

import dev.ticketbooth.config.ApiProblemException;

/** How the user came to hold access. */
public enum GrantKind {

	SUBSCRIPTION, PURCHASE, RENTAL, TRIAL, ROLE;

	public static GrantKind parse(String value) {
		return Arrays.stream(values()).filter(k -> value != null && k.name().equals(value.trim().toUpperCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> ApiProblemException.badRequest("invalid-grant-kind",
					"A grant kind is one of subscription, purchase, rental, trial, role"));
	}
}
