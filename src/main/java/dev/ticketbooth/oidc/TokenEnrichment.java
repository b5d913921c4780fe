package dev.ticketbooth.oidc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.entitlements.CurrentGrant;
import dev.ticketbooth.entitlements.Entitlements;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Per-client additions to OIDC tokens, for active end users only (a disabled or deleted one gets
 * {@code invalid_grant}): {@code sub} is our user id (as in every other token we
 * mint); the access token carries Vimond's entitlement claims or StreamAMG partial-mode claims
 * when the client asks for them; every access token is typed {@code at+jwt}.
 */
@Component
class TokenEnrichment implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/** base64url of an RS256 signature, the dots, and a generous header. */
	private static final int FIXED_OVERHEAD = 342 + 2 + 140;

	private static final String AUTHORIZATION_PREFIX = "Authorization: Bearer ";

	private final EndUsers users;

	private final VimondEntitlements vimond;

	private final Entitlements entitlements;

	private final int headerBudget;

	private final java.time.Clock clock;

	private final io.micrometer.core.instrument.MeterRegistry meters;

	TokenEnrichment(EndUsers users, VimondEntitlements vimond, Entitlements entitlements,
			@Value("${ticketbooth.oidc.authorization-header-budget:8000}") int headerBudget, java.time.Clock clock,
			io.micrometer.core.instrument.MeterRegistry meters) {
		this.meters = meters;
		this.clock = clock;
		this.users = users;
		this.vimond = vimond;
		this.entitlements = entitlements;
		this.headerBudget = headerBudget;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		RegisteredClient client = context.getRegisteredClient();
		boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
		boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
		if (accessToken || idToken) {
			String algorithm = context.getJwsHeader().build().getAlgorithm() == null ? "RS256"
					: context.getJwsHeader().build().getAlgorithm().getName();
			meters.counter("ticketbooth.tokens.minted", "profile", accessToken ? "oidc-access" : "oidc-id", "algorithm",
					algorithm).increment();
		}
		if (accessToken) {
			context.getJwsHeader().type("at+jwt"); // RFC 9068: our APIs accept nothing else
		}
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			if (accessToken) { // signed, so it says for sure that this token is not stored (ClientCredentialsTokens)
				context.getClaims().claim(ClientCredentialsTokens.GRANT_CLAIM, ClientCredentialsTokens.GRANT);
			}
			return;
		}
		if (context.getPrincipal() == null) {
			return;
		}
		Optional<EndUser> user = users.findByUsername(context.getPrincipal().getName());
		if (user.isEmpty() || !user.get().enabled()) {
			// a refresh, or a code issued just before the change, must not outlive a disabled or deleted account
			throw new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "This account may no longer sign in", null));
		}
		if (!(accessToken || idToken)) {
			return;
		}
		context.getClaims().subject(user.get().id());
		String enrichment = Optional.ofNullable(setting(client, ClientSettingNames.ENRICHMENT)).orElse("none");
		Instant now = clock.instant();
		if (accessToken && enrichment.equals("vimond")) {
			VimondClaims.Options options = new VimondClaims.Options(
					!"prefixed".equals(setting(client, ClientSettingNames.VIMOND_CLAIM_NAMES)),
					"true".equals(setting(client, ClientSettingNames.VIMOND_LEGACY)), claimBudget(context));
			VimondClaims.build(vimond.forUser(user.get().id(), now), vimond.flags(user.get().id()), options, now)
				.forEach((name, value) -> context.getClaims().claim(name, storable(value)));
		}
		if (enrichment.equals("streamamg-partial")) {
			streamAmgClaims(client, user.get(), now).forEach((name, value) -> context.getClaims().claim(name, storable(value)));
		}
	}

	/** What is left for Vimond's claims once the rest of the token is counted, so the header stays in budget. */
	private int claimBudget(JwtEncodingContext context) {
		Map<String, Object> others = new LinkedHashMap<>();
		context.getClaims().build().getClaims().forEach((name, value) -> others.put(name,
				value instanceof Instant instant ? instant.getEpochSecond() : value instanceof java.net.URL url ? url.toString() : value));
		int otherBytes = JSONObjectUtils.toJSONString(others).getBytes(StandardCharsets.UTF_8).length;
		int tokenBudget = headerBudget - AUTHORIZATION_PREFIX.length();
		int payloadBytes = (tokenBudget - FIXED_OVERHEAD) * 3 / 4;
		return Math.max(0, payloadBytes - otherBytes - 8);
	}

	/**
	 * StreamAMG partial mode: {@code roles} (the user's roles), {@code entitlements} (ids of the
	 * collections and videos the user currently holds; Vimond package ids where set) and
	 * {@code permissions} (the same as {@code play:<id>}).
	 */
	private Map<String, Object> streamAmgClaims(RegisteredClient client, EndUser user, Instant now) {
		String configured = Optional.ofNullable(setting(client, ClientSettingNames.STREAMAMG_CLAIMS)).orElse("roles,entitlements");
		List<String> held = entitlements.currentGrants(user.id(), now).stream().map(CurrentGrant::platformId).distinct()
			.sorted().toList();
		Map<String, Object> claims = new LinkedHashMap<>();
		for (String name : configured.split(",")) {
			switch (name.trim()) {
				case "roles" -> claims.put("roles", entitlements.roles(user.id()));
				case "entitlements" -> claims.put("entitlements", held);
				case "permissions" -> claims.put("permissions", held.stream().map(id -> "play:" + id).toList());
				default -> {
				}
			}
		}
		return claims;
	}

	/**
	 * Plain ArrayList/LinkedHashMap copies: the authorization service stores token claims as JSON
	 * through an allow-list of types that refuses immutable collections.
	 */
	static Object storable(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((k, v) -> copy.put(String.valueOf(k), storable(v)));
			return copy;
		}
		if (value instanceof java.util.Collection<?> collection) {
			java.util.ArrayList<Object> copy = new java.util.ArrayList<>();
			collection.forEach(v -> copy.add(storable(v)));
			return copy;
		}
		if (value instanceof Long number) { // stored without a type tag only as an int
			return number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE ? (Object) number.intValue() : number.toString();
		}
		return value;
	}

	private static String setting(RegisteredClient client, String name) {
		Object value = client.getClientSettings().getSetting(name);
		return value == null ? null : value.toString();
	}
}
