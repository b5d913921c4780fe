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

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final Clock clock;

	AdminAccounts(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.clock = clock;
	}

	record AdminRow(String username, String passwordHash, boolean enabled) {
	}

	public boolean any() {
		return jdbc.sql("SELECT COUNT(*) FROM admin_users").query(Long.class).single() > 0;
	}

	public void create(String username, String rawPassword) {
		jdbc.sql("INSERT INTO admin_users (username, password_hash, enabled, created_at) VALUES (?, ?, ?, ?)")
			.params(username, passwords.encode(rawPassword), true, DbTime.bind(DbTime.now(clock))).update();
	}

	public List<String> usernames() {
		return jdbc.sql("SELECT username FROM admin_users ORDER BY username").query(String.class).list();
	}

	private Optional<AdminRow> find(String username) {
		return jdbc.sql("SELECT username, password_hash, enabled FROM admin_users WHERE username = ?").param(username)
			.query(AdminRow.class).optional();
	}

	/** For the admin API's own authentication provider; deliberately not a bean, so end users never match. */
	UserDetailsService userDetailsService() {
		return this::loadUserByUsername;
	}

	private UserDetails loadUserByUsername(String username) {
		AdminRow row = find(username).orElseThrow(() -> new UsernameNotFoundException("No such admin"));
		return User.withUsername(row.username()).password(row.passwordHash()).disabled(!row.enabled())
			.authorities(AuthorityUtils.createAuthorityList("ROLE_" + ROLE)).build();
	}
}
