package dev.ticketbooth.admin;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.ticketbooth.config.DbTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Operators who may use the admin API and console; passwords hashed with argon2id. */
public class AdminAccounts {

	static final String ROLE = "ADMIN";

	static final String VIEWER = "VIEWER";

	/** For every operator, the first admin included. */
	static final int MIN_PASSWORD_LENGTH = 12;

	private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]{1,100}");

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final Clock clock;

	AdminAccounts(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.clock = clock;
	}

	record AdminRow(String username, String passwordHash, boolean enabled, String role) {
	}

	/** An operator as the API shows it. */
	public record Operator(String username, String role, boolean enabled) {
	}

	public boolean any() {
		return jdbc.sql("SELECT COUNT(*) FROM admin_users").query(Long.class).single() > 0;
	}

	/** The first admin, from TICKETBOOTH_ADMIN_PASSWORD (whose length AdminBootstrap checks) or generated. */
	void createFirstAdmin(String username, String rawPassword) {
		insert(username, rawPassword, ROLE);
	}

	public Operator create(String username, String rawPassword, String role) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw dev.ticketbooth.config.ApiProblemException.badRequest("invalid-username",
					"An operator name is 1-100 letters, digits and . _ @ -");
		}
		if (!ROLE.equals(role) && !VIEWER.equals(role)) {
			throw dev.ticketbooth.config.ApiProblemException.badRequest("invalid-role", "An operator role is ADMIN or VIEWER");
		}
		if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH || rawPassword.length() > 1000) {
			throw dev.ticketbooth.config.ApiProblemException.badRequest("invalid-password",
					"An operator password is 12 to 1000 characters");
		}
		try {
			insert(username, rawPassword, role);
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			throw dev.ticketbooth.config.ApiProblemException.conflict("operator-exists", "Operator '" + username + "' exists");
		}
		return new Operator(username, role, true);
	}

	private void insert(String username, String rawPassword, String role) {
		jdbc.sql("INSERT INTO admin_users (username, password_hash, enabled, created_at, role) VALUES (?, ?, ?, ?, ?)")
			.params(username, passwords.encode(rawPassword), true, DbTime.bind(DbTime.now(clock)), role).update();
	}

	public List<Operator> operators() {
		return jdbc.sql("SELECT username, role, enabled FROM admin_users ORDER BY username").query(Operator.class).list();
	}

	private Optional<AdminRow> find(String username) {
		return jdbc.sql("SELECT username, password_hash, enabled, role FROM admin_users WHERE username = ?").param(username)
			.query(AdminRow.class).optional();
	}

	/** For the admin API's own authentication provider; deliberately not a bean, so end users never match. */
	UserDetailsService userDetailsService() {
		return this::loadUserByUsername;
	}

	private UserDetails loadUserByUsername(String username) {
		AdminRow row = find(username).orElseThrow(() -> new UsernameNotFoundException("No such admin"));
		return User.withUsername(row.username()).password(row.passwordHash()).disabled(!row.enabled())
			.authorities(AuthorityUtils.createAuthorityList("ROLE_" + row.role())).build();
	}
}
