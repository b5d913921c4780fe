package dev.ticketbooth.config;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request body passed its limit while it was read. An {@link IOException}, because the body's
 * stream throws it, wherever it is read; {@link ProblemDetailsAdvice} turns it into a 413, also when
 * a message converter wrapped it.
 */
class RequestTooLargeException extends IOException {

	static final String CODE = "request-too-large";

	RequestTooLargeException(long limit) {
		super("The request body is larger than " + limit + " bytes");
	}

	ProblemDetail problem() {
		return Problems.of(HttpStatus.CONTENT_TOO_LARGE, CODE, getMessage());
	}

	/** This exception among the causes of {@code failure}, or null. */
	static RequestTooLargeException in(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof RequestTooLargeException tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}
}
