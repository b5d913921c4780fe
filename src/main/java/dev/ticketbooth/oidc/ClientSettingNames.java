package dev.ticketbooth.oidc;

/** Our own keys in a registered client's settings (stored as strings by the JDBC repository). */
final class ClientSettingNames {

	/** {@code none}, {@code vimond} or {@code streamamg-partial}. */
	static final String ENRICHMENT = "ticketbooth.enrichment";

	/** {@code uri} ({@code https://vimond/...}, default) or {@code prefixed} ({@code vimond_...}). */
	static final String VIMOND_CLAIM_NAMES = "ticketbooth.vimond.claim-names";

	/** {@code true} for the legacy single-entitlement claims. */
	static final String VIMOND_LEGACY = "ticketbooth.vimond.legacy";

	/** Comma-separated claims for StreamAMG partial mode: roles, permissions, entitlements. */
	static final String STREAMAMG_CLAIMS = "ticketbooth.streamamg.claims";

	/** Was the opt-in to {@code at+jwt} typing; every access token is {@code at+jwt} now, so it is only recorded. */
	static final String ACCESS_TOKEN_TYPE = "ticketbooth.access-token-type";

	/**
	 * Seconds a family of rotating refresh tokens may live from the sign-in, however often it is
	 * used; each token's own lifetime (Spring's refresh token time-to-live) is the idle timeout.
	 * Clients registered before it have none: their family lives as long as it is used.
	 */
	static final String REFRESH_LIFETIME = "ticketbooth.refresh.lifetime-seconds";

	/** {@code true}: RP-initiated logout also ends the client's authorizations for the user. */
	static final String LOGOUT_REVOKES_TOKENS = "ticketbooth.logout.revokes-tokens";

	private ClientSettingNames() {
	}
}
