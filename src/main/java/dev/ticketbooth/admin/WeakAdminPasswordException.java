package dev.ticketbooth.admin;

/**
 * The first admin's chosen password ({@code TICKETBOOTH_ADMIN_PASSWORD}) is shorter than any
 * operator's may be. The start stops before the admin is created; the message never shows the password.
 */
class WeakAdminPasswordException extends RuntimeException {

	WeakAdminPasswordException(int length) {
		super("The first admin's password (TICKETBOOTH_ADMIN_PASSWORD or ticketbooth.admin-password) is " + length
				+ " characters long; it must have at least " + AdminAccounts.MIN_PASSWORD_LENGTH
				+ ". No admin was created.");
	}

	String action() {
		return "Set TICKETBOOTH_ADMIN_PASSWORD to a password of at least " + AdminAccounts.MIN_PASSWORD_LENGTH
				+ " characters (for example from `openssl rand -base64 18`), or leave it unset and the server generates"
				+ " one and logs it once.";
	}
}
