package dev.ticketbooth.oidc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.ticketbooth.config.DbTime;
import dev.ticketbooth.entitlements.Entitlements;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A user's current grants in Vimond's terms. Subscriptions, trials and role grants are SVOD on
 * the collection's Vimond package id ({@code external_id}, else our id). Purchases and rentals are
 * TVOD: a video is an asset id, a season or category an immediate parent category id, a series
 * each of its seasons (Vimond only matches immediate parents), a package or course SVOD with its end.
 */
@Component
class VimondEntitlements {

	static final String DEVICE_RULE_ROLE = "vimond:devicerule";

	static final String GEOBLOCK_ROLE = "vimond:geoblock";

	private static final String CURRENT_GRANTS = """
			SELECT g.kind, g.video_id, g.collection_id, g.quality, g.stream_count, g.valid_from, g.valid_until, g.created_at,
			       c.kind AS collection_kind, c.external_id
			FROM grants g LEFT JOIN collections c ON c.id = g.collection_id
			WHERE g.user_id = ? AND (g.valid_from IS NULL OR g.valid_from <= ?) AND (g.valid_until IS NULL OR g.valid_until > ?)
			""";

	private final JdbcClient jdbc;

	private final Entitlements entitlements;

	VimondEntitlements(JdbcClient jdbc, Entitlements entitlements) {
		this.jdbc = jdbc;
		this.entitlements = entitlements;
	}

	List<VimondEntitlement> forUser(String userId, Instant now) {
		List<VimondEntitlement> out = new ArrayList<>();
		var at = DbTime.bind(now);
		jdbc.sql(CURRENT_GRANTS).params(userId, at, at).query((rs, row) -> {
			String kind = rs.getString("kind");
			String quality = rs.getString("quality");
			Integer streams = rs.getObject("stream_count", Integer.class);
			Instant until = DbTime.read(rs, "valid_until");
			Instant from = DbTime.read(rs, "valid_from");
			Instant acquired = from != null ? from : DbTime.read(rs, "created_at");
			String video = rs.getString("video_id");
			String collection = rs.getString("collection_id");
			String vimondId = rs.getString("external_id") != null ? rs.getString("external_id") : collection;
			String collectionKind = rs.getString("collection_kind");
			boolean subscription = !kind.equals("PURCHASE") && !kind.equals("RENTAL");
			if (video != null) {
				out.add(new VimondEntitlement(VimondEntitlement.Kind.TVOD_ASSET, video, quality, streams, until, acquired));
			}
			else if (subscription || "PACKAGE".equals(collectionKind) || "COURSE".equals(collectionKind)) {
				out.add(new VimondEntitlement(VimondEntitlement.Kind.SVOD, vimondId, quality, streams, until, acquired));
			}
			else if ("SERIES".equals(collectionKind)) {
				for (String season : children(collection)) {
					out.add(new VimondEntitlement(VimondEntitlement.Kind.TVOD_CATEGORY, season, quality, streams, until, acquired));
				}
			}
			else {
				out.add(new VimondEntitlement(VimondEntitlement.Kind.TVOD_CATEGORY, vimondId, quality, streams, until, acquired));
			}
			return null;
		}).list();
		return out;
	}

	VimondClaims.Flags flags(String userId) {
		List<String> roles = entitlements.roles(userId);
		return new VimondClaims.Flags(roles.contains(DEVICE_RULE_ROLE), roles.contains(GEOBLOCK_ROLE));
	}

	private List<String> children(String seriesId) {
		return jdbc.sql("SELECT COALESCE(external_id, id) FROM collections WHERE parent_id = ? ORDER BY id").param(seriesId)
			.query(String.class).list();
	}
}
