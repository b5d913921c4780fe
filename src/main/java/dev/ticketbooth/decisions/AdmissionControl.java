package dev.ticketbooth.decisions;

/**
 * What an allowed decision must still get past: single-use tokens and viewer sessions. Owned
 * here and implemented above ({@code dev.ticketbooth.sessions}), so that decisions never depend
 * on the package that keeps the state (docs/architecture.md).
 */
public interface AdmissionControl {

	/** Null to let the allow stand, or the reason it becomes a deny ({@code token-already-used}, {@code stream-limit}). */
	String admit(Admission admission);
}
