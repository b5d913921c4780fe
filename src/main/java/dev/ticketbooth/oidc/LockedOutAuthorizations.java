package dev.ticketbooth.oidc;

import dev.ticketbooth.users.EndUserLockedOut;
import dev.ticketbooth.users.EndUserTokensRevoked;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A disabled or deleted end user's OAuth authorizations go with the change: codes, access tokens
 * (as {@code /userinfo} sees them) and refresh tokens stop working at once on every node; a
 * deleted user's consents go too. Revoking a user's tokens removes their authorizations the same way.
 */
@Component
class LockedOutAuthorizations {

	private final JdbcClient jdbc;

	LockedOutAuthorizations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void onLockedOut(EndUserLockedOut event) {
		jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ?").param(event.username()).update();
		if (event.deleted()) {
			jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?").param(event.username()).update();
		}
	}

	/** "Revoke all tokens": the user's codes, access and refresh tokens go; consents stay. */
	@EventListener
	void onTokensRevoked(EndUserTokensRevoked event) {
		jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ?").param(event.username()).update();
	}
}
