package dev.ticketbooth.users;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The signed-in end user as Spring Security holds it, carrying the user id for tokens. */
public class EndUserPrincipal extends User {

	private final String id;

	EndUserPrincipal(String id, String username, String passwordHash, boolean enabled) {
		super(username, passwordHash, enabled, true, true, true, List.of(new SimpleGrantedAuthority("ROLE_USER")));
		this.id = id;
	}

	public String id() {
		return id;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}
}
