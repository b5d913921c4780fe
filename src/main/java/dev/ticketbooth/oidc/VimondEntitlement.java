package dev.ticketbooth.oidc;

import java.time.Instant;

/**
 * One current grant as Vimond sees it: SVOD (a package id) or TVOD (an asset id, or the id of
 * the asset's immediate parent category), with the optional quality, stream count and end.
 *
 * @param acquiredAt when the user got it; recent TVOD purchases go first
 */
record VimondEntitlement(Kind kind, String id, String quality, Integer streamCount, Instant until, Instant acquiredAt) {

	enum Kind {
		SVOD, TVOD_ASSET, TVOD_CATEGORY
	}
}
