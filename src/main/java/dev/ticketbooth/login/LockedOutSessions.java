package dev.ticketbooth.login;

import dev.ticketbooth.users.EndUserLockedOut;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * A disabled or deleted end user's login sessions end with the change. Sessions live in the
 * shared database, so this holds on every node. Operators' console sessions keep their context
 * under another key and are never indexed under an end user's name.
 */
@Component
class LockedOutSessions {

	private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

	LockedOutSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void onLockedOut(EndUserLockedOut event) {
		sessions.ifAvailable(repository -> repository.findByPrincipalName(event.username()).keySet()
			.forEach(repository::deleteById));
	}
}
