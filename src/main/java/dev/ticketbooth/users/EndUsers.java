package dev.ticketbooth.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.config.DbTime;

import dev.ticketbooth.entitlements.EntitlementsChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** End users: created by operators (admin API) or the demo profile; passwords hashed with argon2id. */
@Service
public class EndUsers implements UserDetailsService {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");

	static final int MIN_PASSWORD_LENGTH = 8;

	private static final String COLUMNS = "id, username, enabled, created_at, tokens_revoked_at, token_revocations";

	private static final RowMapper<EndUser> ROW = EndUsers::map;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public EndUsers(JdbcClient jdbc, PasswordEncoder passwords, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.clock = clock;
	}

	/** Creates a user; {@code checkStrength} is off only for the demo profile's fixed {@code demo/demo}. */
	public EndUser create(String username, String password, boolean enabled, boolean checkStrength) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw ApiProblemException.badRequest("invalid-username",
					"A username is 1-100 characters of letters, digits and . _ @ + -");
		}
		requirePassword(password, checkStrength);
		EndUser user = new EndUser(UUID.randomUUID().toString(), username, enabled, DbTime.now(clock));
		try {
			jdbc.sql("INSERT INTO end_users (id, username, password_hash, enabled, created_at) VALUES (?, ?, ?, ?, ?)")
				.params(user.id(), username, passwords.encode(password), enabled, DbTime.bind(user.createdAt())).update();
		}
		catch (DuplicateKeyException ex) {
			throw ApiProblemException.conflict("user-exists", "A user named '" + username + "' already exists");
		}
		return user;
	}

	public Optional<EndUser> findByUsername(String username) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM end_users WHERE username = ?").param(username).query(ROW).optional();
	}

	public Optional<EndUser> findById(String id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM end_users WHERE id = ?").param(id).query(ROW).optional();
	}

	public EndUser get(String username) {
		return findByUsername(username)
			.orElseThrow(() -> ApiProblemException.notFound("unknown-user", "No user named '" + username + "'"));
	}

	public List<EndUser> list(int offset, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM end_users ORDER BY username LIMIT ? OFFSET ?").params(limit, offset)
			.query(ROW).list();
	}

	/**
	 * Users whose name contains {@code query} (any case; all users when it is empty), by name, one
	 * page at a time.
	 */
	public List<EndUser> search(String query, int offset, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM end_users WHERE LOWER(username) LIKE ? ESCAPE '\\' "
				+ "ORDER BY username LIMIT ? OFFSET ?").params(pattern(query), limit, offset).query(ROW).list();
	}

	/** How many users {@link #search} finds in all. */
	public long count(String query) {
		return jdbc.sql("SELECT COUNT(*) FROM end_users WHERE LOWER(username) LIKE ? ESCAPE '\\'").param(pattern(query))
			.query(Long.class).single();
	}

	private static String pattern(String query) {
		String q = query == null ? "" : query.trim().toLowerCase(java.util.Locale.ROOT);
		return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	/** A new password and/or the enabled flag, in one transaction (with what follows a lock-out). */
	@Transactional
	public EndUser update(String username, String newPassword, Boolean enabled) {
		EndUser user = get(username);
		if (newPassword != null) {
			requirePassword(newPassword, true);
			jdbc.sql("UPDATE end_users SET password_hash = ? WHERE id = ?").params(passwords.encode(newPassword), user.id())
				.update();
		}
		if (enabled != null) {
			jdbc.sql("UPDATE end_users SET enabled = ? WHERE id = ?").params(enabled, user.id()).update();
			events.publishEvent(new EntitlementsChanged("user " + user.id()));
			if (!enabled) {
				events.publishEvent(new EndUserLockedOut(username, false));
			}
		}
		return get(username);
	}

	@Transactional
	public void delete(String username) {
		if (jdbc.sql("DELETE FROM end_users WHERE username = ?").param(username).update() == 0) {
			throw ApiProblemException.notFound("unknown-user", "No user named '" + username + "'");
		}
		events.publishEvent(new EntitlementsChanged("user " + username));
		events.publishEvent(new EndUserLockedOut(username, true));
	}

	/**
	 * Every token issued to the user until now is denied from now on ({@code token-revoked}); what
	 * holds their tokens or sessions lets go in the same transaction ({@link EndUserTokensRevoked}).
	 */
	@Transactional
	public EndUser revokeTokens(String username) {
		EndUser user = get(username);
		java.time.Instant now = DbTime.now(clock);
		jdbc.sql("UPDATE end_users SET tokens_revoked_at = ?, token_revocations = token_revocations + 1 WHERE id = ?")
			.params(DbTime.bind(now), user.id()).update();
		EndUser revoked = get(username);
		events.publishEvent(new EndUserTokensRevoked(user.id(), username, now, revoked.tokenRevocations()));
		return revoked;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		// a plain User: Spring Authorization Server stores the principal as JSON and only reads known types
		return jdbc.sql("SELECT username, password_hash, enabled FROM end_users WHERE username = ?").param(username)
			.query((rs, row) -> User.withUsername(rs.getString("username")).password(rs.getString("password_hash"))
				.disabled(!rs.getBoolean("enabled")).roles("USER").build())
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

	private static void requirePassword(String password, boolean checkStrength) {
		if (password == null || password.isEmpty() || password.length() > 1000
				|| (checkStrength && password.length() < MIN_PASSWORD_LENGTH)) {
			throw ApiProblemException.badRequest("invalid-password",
					"A password is " + MIN_PASSWORD_LENGTH + " to 1000 characters");
		}
	}

	private static EndUser map(ResultSet rs, int row) throws SQLException {
		return new EndUser(rs.getString("id"), rs.getString("username"), rs.getBoolean("enabled"),
				DbTime.read(rs, "created_at"), DbTime.read(rs, "tokens_revoked_at"), rs.getInt("token_revocations"));
	}
}
