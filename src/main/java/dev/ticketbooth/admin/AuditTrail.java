package dev.ticketbooth.admin;

import java.time.Clock;
import java.util.List;

import dev.ticketbooth.config.DbTime;
import dev.ticketbooth.keys.KeyEvent;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/** Records admin actions and key events, and reads them back for the console and the JSON export. */
@Service
public class AuditTrail {

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditTrail(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public void record(String actor, String action, String target, String outcome, String ip) {
		jdbc.sql("INSERT INTO audit_events (at, actor, action, target, outcome, ip) VALUES (?, ?, ?, ?, ?, ?)")
			.params(DbTime.bind(DbTime.now(clock)), limit(actor, 100), limit(action, 100), limit(target, 500),
					limit(outcome, 40), limit(ip, 64))
			.update();
	}

	/**
	 * A refused operator sign-in, as its own kind of event. Only attempts the throttle let through
	 * reach here, so one source adds at most {@code max-failures-per-ip} rows per window.
	 */
	void failedSignIn(String username, String ip, org.springframework.security.core.AuthenticationException reason) {
		record("anonymous", "operator.sign-in-failed", limit(username, 100), "refused", ip);
	}

	/** Removes events older than the retention; returns how many. */
	int removeOlderThan(java.time.Duration retention) {
		return jdbc.sql("DELETE FROM audit_events WHERE at < ?").param(DbTime.bind(clock.instant().minus(retention))).update();
	}

	/** Newest first. */
	public List<AuditEvent> recent(int limit) {
		return jdbc.sql("SELECT id, at, actor, action, target, outcome, ip FROM audit_events ORDER BY id DESC LIMIT ?")
			.param(limit)
			.query((rs, row) -> new AuditEvent(rs.getLong("id"), DbTime.read(rs, "at"), rs.getString("actor"),
					rs.getString("action"), rs.getString("target"), rs.getString("outcome"), rs.getString("ip")))
			.list();
	}

	/** Key changes, whoever made them: an admin (through the API), the schedule, or the CLI. */
	@EventListener
	void onKeyEvent(KeyEvent event) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String actor = authentication != null && authentication.isAuthenticated() ? authentication.getName() : event.origin();
		record(actor, "key." + event.action(), event.set() + "/" + event.kid(), "done", null);
	}

	private static String limit(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}
}
