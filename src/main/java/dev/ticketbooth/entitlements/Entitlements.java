package dev.ticketbooth.entitlements;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.catalog.Roles;
import dev.ticketbooth.config.DbTime;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one answer every feature asks: may user U watch video V at time T? Allowed by a current
 * grant on the video or on a collection covering it (a season's series included), or by a role
 * the user shares with such a collection. A deny says why.
 */
@Service
public class Entitlements {

	private static final String CURRENT_GRANTS = """
			SELECT g.kind, g.video_id, g.collection_id, g.quality, g.stream_count, g.valid_from, g.valid_until, g.created_at,
			       c.kind AS collection_kind, c.external_id
			FROM grants g LEFT JOIN collections c ON c.id = g.collection_id
			WHERE g.user_id = ? AND (g.valid_from IS NULL OR g.valid_from <= ?) AND (g.valid_until IS NULL OR g.valid_until > ?)
			ORDER BY g.created_at, g.id
			""";

	private final EndUsers users;

	private final Catalog catalog;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	public Entitlements(EndUsers users, Catalog catalog, JdbcClient jdbc, ApplicationEventPublisher events) {
		this.events = events;
		this.users = users;
		this.catalog = catalog;
		this.jdbc = jdbc;
	}

	public Access mayWatch(String username, String videoId, Instant at) {
		Optional<EndUser> user = users.findByUsername(username);
		if (user.isEmpty()) {
			return Access.deny(Access.UNKNOWN_USER, null);
		}
		return mayWatch(user.get(), videoId, at);
	}

	public Access mayWatch(EndUser user, String videoId, Instant at) {
		if (!user.enabled()) {
			return Access.deny(Access.USER_DISABLED, user.id());
		}
		if (videoId == null || catalog.findVideo(videoId).isEmpty()) {
			return Access.deny(Access.UNKNOWN_VIDEO, user.id());
		}
		Set<String> covering = catalog.collectionsCovering(videoId);
		List<Grant> relevant = grantsCovering(user.id(), videoId, covering);
		if (relevant.stream().anyMatch(g -> g.currentAt(at))) {
			// the grant that lasts longest, so a token minted on it may live as long as allowed
			Grant longest = relevant.stream().filter(g -> g.currentAt(at))
				.max(java.util.Comparator.comparing(g -> g.validUntil() == null ? Instant.MAX : g.validUntil()))
				.orElseThrow();
			return Access.allow(Access.ENTITLED, user.id(), longest);
		}
		if (sharesRole(user.id(), covering)) {
			return Access.allow(Access.ROLE, user.id(), null);
		}
		if (relevant.stream().anyMatch(g -> g.expiredAt(at))) {
			return Access.deny(Access.GRANT_EXPIRED, user.id());
		}
		if (relevant.stream().anyMatch(g -> g.notYetValidAt(at))) {
			return Access.deny(Access.GRANT_NOT_YET_VALID, user.id());
		}
		return Access.deny(Access.NOT_ENTITLED, user.id());
	}

	/**
	 * "Why can't U watch V": the same answer as {@link #mayWatch(EndUser, String, Instant)}, with
	 * each of its checks (user known, enabled, video known, a current grant or a shared role),
	 * the collections holding the video, and the grant or role that allows it or would.
	 */
	public Explanation explain(String username, String videoId, Instant at) {
		Optional<EndUser> found = username == null ? Optional.empty() : users.findByUsername(username);
		boolean videoKnown = videoId != null && catalog.findVideo(videoId).isPresent();
		List<String> holding = videoKnown ? List.copyOf(catalog.collectionsCovering(videoId)) : List.of();
		List<Check> checks = new java.util.ArrayList<>();
		checks.add(Check.of(found.isPresent(), Access.UNKNOWN_USER,
				found.isPresent() ? "user " + username + " exists" : "no user named '" + username + "'"));
		checks.add(found.isEmpty() ? Check.notRun(Access.USER_DISABLED, "no such user")
				: Check.of(found.get().enabled(), Access.USER_DISABLED, found.get().enabled() ? "enabled" : "disabled"));
		checks.add(Check.of(videoKnown, Access.UNKNOWN_VIDEO, videoKnown ? "video " + videoId + " exists"
				: "no video '" + videoId + "' in the catalog"));
		List<String> wouldAllow = new java.util.ArrayList<>();
		if (videoKnown) {
			wouldAllow.add("a current grant on video " + videoId
					+ (holding.isEmpty() ? "" : " or on one of the collections " + holding));
			for (String collection : holding) {
				catalog.roles(collection).forEach(role -> wouldAllow.add("role " + role + " (carried by " + collection + ")"));
			}
		}
		if (found.isEmpty() || !videoKnown) {
			checks.add(Check.notRun(Access.NOT_ENTITLED, "needs a known user and video"));
			Access access = found.isEmpty() ? Access.deny(Access.UNKNOWN_USER, null) : mayWatch(found.get(), videoId, at);
			return new Explanation(access, checks, holding, null, wouldAllow);
		}
		EndUser user = found.get();
		Access access = mayWatch(user, videoId, at);
		List<Grant> relevant = grantsCovering(user.id(), videoId, new java.util.LinkedHashSet<>(holding));
		String allowedBy = null;
		if (access.allowed() && access.grantId() != null) {
			Grant grant = relevant.stream().filter(g -> g.id().equals(access.grantId())).findFirst().orElseThrow();
			allowedBy = "grant " + grant.id() + " (" + grant.kind().wireName() + " of "
					+ (grant.collectionId() != null ? "collection " + grant.collectionId() : "video " + grant.videoId())
					+ (grant.validUntil() != null ? ", until " + grant.validUntil() : "") + ")";
		}
		else if (access.allowed()) {
			List<String> userRoles = roles(user.id());
			allowedBy = holding.stream().flatMap(c -> catalog.roles(c).stream().filter(userRoles::contains)
				.map(role -> "role " + role + " (carried by " + c + ")")).findFirst().orElse("a role");
		}
		String grantsSeen = relevant.isEmpty() ? "no grant covers it"
				: relevant.size() + " grant(s) cover it: " + relevant.stream().map(g -> g.id() + " "
						+ (g.currentAt(at) ? "current" : g.expiredAt(at) ? "expired " + g.validUntil()
								: "from " + g.validFrom())).toList();
		boolean entitled = access.allowed();
		if (!user.enabled()) {
			checks.add(Check.notRun(Access.NOT_ENTITLED, "the decision stops at user-disabled; " + grantsSeen));
			return new Explanation(access, checks, holding, null, wouldAllow);
		}
		String code = entitled ? Access.NOT_ENTITLED : access.reason();
		checks.add(Check.of(entitled, code, entitled ? "allowed by " + allowedBy : grantsSeen
				+ (roles(user.id()).isEmpty() ? "; the user has no roles" : "; user roles " + roles(user.id())
						+ " match no collection holding the video")));
		return new Explanation(access, checks, holding, allowedBy, entitled ? List.of() : wouldAllow);
	}

	/** For a token that names no video: the user may sign in and holds some current grant or role. */
	public Access mayWatchSomething(EndUser user, Instant at) {
		if (!user.enabled()) {
			return Access.deny(Access.USER_DISABLED, user.id());
		}
		if (!currentGrants(user.id(), at).isEmpty()) {
			return Access.allow(Access.ENTITLED, user.id(), null);
		}
		return roles(user.id()).isEmpty() ? Access.deny(Access.NOT_ENTITLED, user.id())
				: Access.allow(Access.ROLE, user.id(), null);
	}

	/** The user's grants valid at {@code at} ({@code valid_from <= at < valid_until}), with their collections. */
	public List<CurrentGrant> currentGrants(String userId, Instant at) {
		var now = DbTime.bind(at);
		return jdbc.sql(CURRENT_GRANTS).params(userId, now, now)
			.query((rs, row) -> new CurrentGrant(rs.getString("kind"), rs.getString("video_id"), rs.getString("collection_id"),
					rs.getString("collection_kind"), rs.getString("external_id"), rs.getString("quality"),
					rs.getObject("stream_count", Integer.class), DbTime.read(rs, "valid_from"), DbTime.read(rs, "valid_until"),
					DbTime.read(rs, "created_at")))
			.list();
	}

	@Transactional
	public List<String> setRoles(String username, List<String> roles) {
		EndUser user = users.get(username);
		jdbc.sql("DELETE FROM user_roles WHERE user_id = ?").param(user.id()).update();
		for (String role : roles.stream().distinct().toList()) {
			jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(user.id(), Roles.valid(role)).update();
		}
		events.publishEvent(new EntitlementsChanged("roles of " + user.id()));
		return roles(user.id());
	}

	public List<String> roles(String userId) {
		return jdbc.sql("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role").param(userId).query(String.class)
			.list();
	}

	private List<Grant> grantsCovering(String userId, String videoId, Set<String> collections) {
		String sql = "SELECT " + Grants.COLUMNS + " FROM grants WHERE user_id = :user AND (video_id = :video"
				+ (collections.isEmpty() ? ")" : " OR collection_id IN (:collections))");
		var query = jdbc.sql(sql).param("user", userId).param("video", videoId);
		if (!collections.isEmpty()) {
			query = query.param("collections", List.copyOf(collections));
		}
		return query.query(Grants.ROW).list();
	}

	private boolean sharesRole(String userId, Set<String> collections) {
		if (collections.isEmpty()) {
			return false;
		}
		List<String> userRoles = roles(userId);
		if (userRoles.isEmpty()) {
			return false;
		}
		return collections.stream().anyMatch(c -> catalog.roles(c).stream().anyMatch(userRoles::contains));
	}
}
