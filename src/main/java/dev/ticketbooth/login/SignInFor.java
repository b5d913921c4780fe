package dev.ticketbooth.login;

import jakarta.servlet.http.HttpSession;

/**
 * Names the app a viewer is signing in for, so the login page says "Sign in to continue to ..."
 * and offers Cancel: the Applicaster flow does it for its provider, the TV code page for the TV app.
 */
public final class SignInFor {

	private SignInFor() {
	}

	public static void app(HttpSession session, String displayName) {
		session.setAttribute(AuthorizeController.PENDING_PROVIDER, displayName);
	}

	public static void done(HttpSession session) {
		session.removeAttribute(AuthorizeController.PENDING_PROVIDER);
	}
}
