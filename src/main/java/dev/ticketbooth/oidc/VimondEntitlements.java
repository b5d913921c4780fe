package dev.ticketbooth.oidc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.ticketbooth.entitlements.CurrentGrant;
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

	private final JdbcClient jdbc;

	private final Entitlements entitlements;

	VimondEntitlements(JdbcClient jdbc, Entitlements entitlements) {
		this.jdbc = jdbc;
		this.entitlements = entitlements;
	}

	List<VimondEntitlement> forUser(String userId, Instant now) {
		List<VimondEntitlement> out = new ArrayList<>();
		for (CurrentGrant grant : entitlements.currentGrants(userId, now)) {
			String quality = grant.quality();
			Integer streams = grant.streamCount();
			Instant until = grant.validUntil();
			Instant acquired = grant.validFrom() != null ? grant.validFrom() : grant.createdAt();
			String collection = grant.collectionId();
			String vimondId = grant.platformId();
			String collectionKind = grant.collectionKind();
			boolean subscription = !grant.kind().equals("PURCHASE") && !grant.kind().equals("RENTAL");
			if (grant.videoId() != null) {
				out.add(new VimondEntitlement(VimondEntitlement.Kind.TVOD_ASSET, grant.videoId(), quality, streams, until, acquired));
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
		}
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
