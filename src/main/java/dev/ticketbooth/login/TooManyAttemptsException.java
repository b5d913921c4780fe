package dev.ticketbooth.login;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unchecked: the username or the address used up its attempts for now. */
public class TooManyAttemptsException extends AuthenticationException {

	private final long retryAfterSeconds;

	public TooManyAttemptsException(long retryAfterSeconds) {
		super("Too many sign-in attempts; try again in " + retryAfterSeconds + " s");
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}
}
