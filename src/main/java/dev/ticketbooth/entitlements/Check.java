package dev.ticketbooth.entitlements;

/**
 * One check a playback decision runs, as support staff see it: the reason code a deny at this
 * check carries (the same codes as {@link Access} and the decision service), whether it passes,
 * and what it looked at.
 */
public record Check(String reason, Outcome outcome, String detail) {

	public enum Outcome {

		PASS, FAIL,
		/** Not run here: it needs what only a real request has (the viewer's token, an address...). */
		NOT_RUN
	}

	public static Check pass(String reason, String detail) {
		return new Check(reason, Outcome.PASS, detail);
	}

	public static Check fail(String reason, String detail) {
		return new Check(reason, Outcome.FAIL, detail);
	}

	public static Check notRun(String reason, String detail) {
		return new Check(reason, Outcome.NOT_RUN, detail);
	}

	public static Check of(boolean passed, String reason, String detail) {
		return passed ? pass(reason, detail) : fail(reason, detail);
	}
}
