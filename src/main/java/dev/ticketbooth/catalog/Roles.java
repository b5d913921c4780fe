package dev.ticketbooth.catalog;

import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;

/** Role names for corporate access: the same rule on users and on collections. */
public final class Roles {

	private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private Roles() {
	}

	public static String valid(String role) {
		if (role == null || !ROLE.matcher(role).matches()) {
			throw ApiProblemException.badRequest("invalid-role", "A role is 1-100 characters of letters, digits and . _ : -");
		}
		return role;
	}
}
