package dev.ticketbooth.oidc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.config.RedirectUriRules;
import dev.ticketbooth.keys.SecretHashes;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * OAuth clients, stored by Spring Authorization Server's JDBC repository. Public clients use
 * authorization code with PKCE (S256); confidential ones get a generated secret shown once.
 */
@Service
public class OidcClients {

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	/**
	 * RFC 6749's scope-token (printable ASCII but space, {@code "} and {@code \}) without
	 * {@code ,}: Spring Authorization Server keeps a client's scopes comma-joined in one column,
	 * so "read,write" would come back as two scopes.
	 */
	private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x2b\\x2d-\\x5b\\x5d-\\x7e]{1,100}");

	private static final Set<String> ENRICHMENTS = Set.of("none", "vimond", "streamamg-partial");

	static final String DEVICE_CODE_GRANT = AuthorizationGrantType.DEVICE_CODE.getValue();

	private static final Set<String> GRANTS = Set.of("authorization_code", "refresh_token", "client_credentials",
			DEVICE_CODE_GRANT);

	/** The {@code redirect_uris} column of {@code oauth2_registered_client}: the URIs comma-joined. */
	private static final int MAX_REDIRECT_URIS_LENGTH = 1000;

	private static final String COUNT_WITH_SECRET = "SELECT COUNT(*) FROM oauth2_registered_client WHERE client_secret = ?";

	private final CachedRegisteredClients clients;

	private final PasswordEncoder passwords;

	private final JdbcClient jdbc;

	private final DeviceProperties device;

	OidcClients(CachedRegisteredClients clients, ClientSecrets secrets, JdbcClient jdbc, DeviceProperties device) {
		this.clients = clients;
		this.passwords = secrets.encoder();
		this.jdbc = jdbc;
		this.device = device;
	}

	/**
	 * A client as operators write it; nulls take sensible defaults. {@code refreshTokenSeconds}
	 * is the absolute lifetime of a sign-in's refresh tokens, {@code refreshTokenIdleSeconds}
	 * how long one may lie unused (default: the lifetime).
	 */
	public record ClientRequest(String clientId, String name, Boolean publicClient, List<String> grantTypes,
			List<String> redirectUris, List<String> scopes, Boolean requireConsent, String enrichment,
			String vimondClaimNames, Boolean vimondLegacy, List<String> streamamgClaims, Boolean accessTokenJwtType,
			Long accessTokenSeconds, Long refreshTokenSeconds, String secret, Long refreshTokenIdleSeconds,
			Long deviceCodeSeconds, List<String> postLogoutRedirectUris, Boolean logoutRevokesTokens) {

		public ClientRequest(String clientId, String name, Boolean publicClient, List<String> grantTypes,
				List<String> redirectUris, List<String> scopes, Boolean requireConsent, String enrichment,
				String vimondClaimNames, Boolean vimondLegacy, List<String> streamamgClaims, Boolean accessTokenJwtType,
				Long accessTokenSeconds, Long refreshTokenSeconds, String secret) {
			this(clientId, name, publicClient, grantTypes, redirectUris, scopes, requireConsent, enrichment, vimondClaimNames,
					vimondLegacy, streamamgClaims, accessTokenJwtType, accessTokenSeconds, refreshTokenSeconds, secret, null,
					null, null, null);
		}
	}

	public record Created(RegisteredClient client, String secret) {
	}

	public Created create(ClientRequest request) {
		if (request.clientId() == null || !CLIENT_ID.matcher(request.clientId()).matches()) {
			throw ApiProblemException.badRequest("invalid-client-id", "A client id is 1-100 letters, digits and . _ -");
		}
		if (clients.findByClientId(request.clientId()) != null) {
			throw ApiProblemException.conflict("client-exists", "Client '" + request.clientId() + "' already exists");
		}
		boolean isPublic = Boolean.TRUE.equals(request.publicClient());
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(request.clientId()).clientName(request.name() == null ? request.clientId() : request.name());
		String secret = null;
		if (isPublic) {
			builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		else {
			secret = request.secret() != null ? request.secret() : SecretHashes.generate();
			if (secret.length() < 24) {
				throw ApiProblemException.badRequest("invalid-secret", "A client secret has at least 24 characters");
			}
			builder.clientSecret(passwords.encode(secret))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		RegisteredClient client = configure(builder, request, isPublic).build();
		insert(client);
		return new Created(client, secret);
	}

	/**
	 * Changes everything but the client id, whether it is public, and its secret (see
	 * {@link #rotateSecret}), checked as at creation; its tokens and consents stay. What the
	 * request leaves out (null) keeps its value, but for grant types, redirect URIs and scopes,
	 * which a request states whole.
	 */
	public RegisteredClient update(String clientId, ClientRequest request) {
		RegisteredClient existing = get(clientId);
		boolean isPublic = existing.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
		RegisteredClient.Builder builder = RegisteredClient.withId(existing.getId()).clientId(clientId)
			.clientIdIssuedAt(existing.getClientIdIssuedAt())
			.clientName(request.name() == null || request.name().isBlank() ? clientId : request.name())
			.clientSecret(existing.getClientSecret()).clientSecretExpiresAt(existing.getClientSecretExpiresAt())
			.clientAuthenticationMethods(methods -> methods.addAll(existing.getClientAuthenticationMethods()));
		Map<String, Object> kept = existing.getClientSettings().getSettings();
		ClientRequest merged = new ClientRequest(clientId, request.name(), isPublic, request.grantTypes(),
				request.redirectUris(), request.scopes(), request.requireConsent() != null ? request.requireConsent()
						: existing.getClientSettings().isRequireAuthorizationConsent(), request.enrichment(),
				request.vimondClaimNames() != null ? request.vimondClaimNames()
						: (String) kept.get(ClientSettingNames.VIMOND_CLAIM_NAMES),
				request.vimondLegacy() != null ? request.vimondLegacy() : "true".equals(kept.get(ClientSettingNames.VIMOND_LEGACY)),
				request.streamamgClaims() != null ? request.streamamgClaims()
						: kept.get(ClientSettingNames.STREAMAMG_CLAIMS) == null ? null
								: List.of(((String) kept.get(ClientSettingNames.STREAMAMG_CLAIMS)).split(",")),
				request.accessTokenJwtType() != null ? request.accessTokenJwtType()
						: "at+jwt".equals(kept.get(ClientSettingNames.ACCESS_TOKEN_TYPE)),
				request.accessTokenSeconds() != null ? request.accessTokenSeconds()
						: existing.getTokenSettings().getAccessTokenTimeToLive().toSeconds(),
				request.refreshTokenSeconds() != null ? request.refreshTokenSeconds()
						: kept.get(ClientSettingNames.REFRESH_LIFETIME) == null ? null
								: Long.valueOf(kept.get(ClientSettingNames.REFRESH_LIFETIME).toString()),
				null,
				request.refreshTokenIdleSeconds() != null ? request.refreshTokenIdleSeconds()
						: existing.getTokenSettings().getRefreshTokenTimeToLive().toSeconds(),
				request.deviceCodeSeconds() != null ? request.deviceCodeSeconds()
						: existing.getTokenSettings().getDeviceCodeTimeToLive().toSeconds(),
				request.postLogoutRedirectUris() != null ? request.postLogoutRedirectUris()
						: List.copyOf(existing.getPostLogoutRedirectUris()),
				request.logoutRevokesTokens() != null ? request.logoutRevokesTokens()
						: "true".equals(kept.get(ClientSettingNames.LOGOUT_REVOKES_TOKENS)));
		RegisteredClient client = configure(builder, merged, isPublic).build();
		clients.save(client);
		return client;
	}

	/** A new generated secret for a confidential client, returned this once; the old one stops working now. */
	public String rotateSecret(String clientId) {
		RegisteredClient existing = get(clientId);
		if (existing.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
			throw ApiProblemException.badRequest("public-client", "Client '" + clientId + "' is public: it has no secret");
		}
		String secret = SecretHashes.generate();
		clients.save(RegisteredClient.from(existing).clientSecret(passwords.encode(secret)).build());
		return secret;
	}

	/** Grant types, redirect URIs, scopes, settings and token lifetimes from the request, checked. */
	private RegisteredClient.Builder configure(RegisteredClient.Builder builder, ClientRequest request, boolean isPublic) {
		List<String> grants = request.grantTypes() != null ? request.grantTypes()
				: isPublic ? List.of("authorization_code", "refresh_token") : List.of("client_credentials");
		if (grants.isEmpty() || grants.stream().anyMatch(g -> g == null || !GRANTS.contains(g))
				|| (isPublic && grants.contains("client_credentials"))) {
			throw ApiProblemException.badRequest("invalid-grant-types", "Grant types are authorization_code, refresh_token, "
					+ DEVICE_CODE_GRANT + " and (confidential clients) client_credentials");
		}
		String enrichment = request.enrichment() == null ? "none" : request.enrichment().toLowerCase(Locale.ROOT);
		if (!ENRICHMENTS.contains(enrichment)) {
			throw ApiProblemException.badRequest("invalid-enrichment", "enrichment is none, vimond or streamamg-partial");
		}
		grants.forEach(g -> builder.authorizationGrantType(new AuthorizationGrantType(g)));
		List<String> redirects = request.redirectUris() == null ? List.of() : request.redirectUris();
		if (grants.contains("authorization_code") && redirects.isEmpty()) {
			throw ApiProblemException.badRequest("invalid-redirect-uri", "An authorization code client needs redirect URIs");
		}
		validRedirects(redirects).forEach(builder::redirectUri);
		// RP-initiated logout redirects only to a URI registered for it, compared exactly (Spring's validator)
		validRedirects(request.postLogoutRedirectUris() == null ? List.of() : request.postLogoutRedirectUris())
			.forEach(builder::postLogoutRedirectUri);
		List<String> scopes = request.scopes() == null ? List.of("openid") : request.scopes();
		for (String scope : scopes) {
			if (scope == null || !SCOPE.matcher(scope).matches()) {
				throw ApiProblemException.badRequest("invalid-scope", "'" + scope
						+ "' is not a valid scope: 1-100 printable characters without spaces, ',', '\"' or '\\'");
			}
			builder.scope(scope);
		}
		ClientSettings.Builder settings = ClientSettings.builder()
			.requireProofKey(isPublic || grants.contains("authorization_code"))
			.requireAuthorizationConsent(Boolean.TRUE.equals(request.requireConsent()))
			.setting(ClientSettingNames.ENRICHMENT, enrichment);
		if (request.vimondClaimNames() != null) {
			if (!Set.of("uri", "prefixed").contains(request.vimondClaimNames())) {
				throw ApiProblemException.badRequest("invalid-enrichment", "vimond_claim_names is uri or prefixed");
			}
			settings.setting(ClientSettingNames.VIMOND_CLAIM_NAMES, request.vimondClaimNames());
		}
		if (Boolean.TRUE.equals(request.vimondLegacy())) {
			settings.setting(ClientSettingNames.VIMOND_LEGACY, "true");
		}
		if (request.streamamgClaims() != null) {
			if (request.streamamgClaims().stream()
				.anyMatch(c -> c == null || !Set.of("roles", "permissions", "entitlements").contains(c))) {
				throw ApiProblemException.badRequest("invalid-enrichment", "streamamg_claims are roles, permissions, entitlements");
			}
			settings.setting(ClientSettingNames.STREAMAMG_CLAIMS, String.join(",", request.streamamgClaims()));
		}
		if (Boolean.TRUE.equals(request.accessTokenJwtType())) {
			settings.setting(ClientSettingNames.ACCESS_TOKEN_TYPE, "at+jwt");
		}
		if (Boolean.TRUE.equals(request.logoutRevokesTokens())) {
			settings.setting(ClientSettingNames.LOGOUT_REVOKES_TOKENS, "true");
		}
		long refreshLifetime = bounded(request.refreshTokenSeconds(), 86400, 300, 90 * 86400);
		long refreshIdle = bounded(request.refreshTokenIdleSeconds(), refreshLifetime, 300, refreshLifetime);
		settings.setting(ClientSettingNames.REFRESH_LIFETIME, String.valueOf(refreshLifetime));
		builder.clientSettings(settings.build());
		builder.tokenSettings(TokenSettings.builder()
			.accessTokenTimeToLive(Duration.ofSeconds(bounded(request.accessTokenSeconds(), 300, 60, 3600)))
			.refreshTokenTimeToLive(Duration.ofSeconds(refreshIdle))
			.deviceCodeTimeToLive(Duration.ofSeconds(bounded(request.deviceCodeSeconds(),
					device.codeLifetime().toSeconds(), 60, 1800)))
			.reuseRefreshTokens(false) // rotation on every use, with reuse detection in HashedTokenAuthorizationService
			.build());
		return builder;
	}

	/**
	 * The client id was free when checked above, but another request may have taken it since:
	 * then the unique index, or Spring Authorization Server's own check (an
	 * IllegalArgumentException), refuses the insert, and this request gets the 409 it would
	 * have got a moment later. That check also refuses a secret another client has (the keyed
	 * hash is the same for the same secret): a 400, since only a secret given by the operator
	 * can repeat.
	 */
	private void insert(RegisteredClient client) {
		try {
			clients.save(client);
		}
		catch (DataIntegrityViolationException | IllegalArgumentException ex) {
			if (clients.findByClientId(client.getClientId()) != null) {
				throw ApiProblemException.conflict("client-exists", "Client '" + client.getClientId() + "' already exists");
			}
			if (client.getClientSecret() != null && jdbc.sql(COUNT_WITH_SECRET).param(client.getClientSecret())
				.query(Long.class).single() > 0) {
				throw ApiProblemException.badRequest("invalid-secret", "Another client has this secret; each needs its own");
			}
			throw ex;
		}
	}

	public RegisteredClient get(String clientId) {
		RegisteredClient client = clients.findByClientId(clientId);
		if (client == null) {
			throw ApiProblemException.notFound("unknown-client", "No client '" + clientId + "'");
		}
		return client;
	}

	public List<String> clientIds() {
		return jdbc.sql("SELECT client_id FROM oauth2_registered_client ORDER BY client_id").query(String.class).list();
	}

	/** The client with its authorizations and consents, in one transaction. */
	@Transactional
	public void delete(String clientId) {
		RegisteredClient client = get(clientId);
		jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = ?").param(client.getId()).update();
		jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?").param(client.getId()).update();
		jdbc.sql("DELETE FROM oauth2_registered_client WHERE id = ?").param(client.getId()).update();
		clients.forget(client); // this node stops authenticating it at once; others within the cache period
	}

	private static long bounded(Long value, long fallback, long min, long max) {
		long v = value == null ? fallback : value;
		if (v < min || v > max) {
			throw ApiProblemException.badRequest("invalid-token-lifetime", "A token lifetime is " + min + " to " + max + " s");
		}
		return v;
	}

	/**
	 * The registration rule every redirect URI follows (as for Applicaster providers), plus what
	 * Spring Authorization Server's storage needs: it keeps a client's redirect URIs comma-joined
	 * in one {@code varchar(1000)}, so a comma would turn one checked URI into two unchecked ones on
	 * the next read, and a longer list would fail the insert. A {@code *} is refused as before: it
	 * is never a wildcard, and so never what the operator meant.
	 */
	private static List<String> validRedirects(List<String> uris) {
		for (String uri : uris) {
			RedirectUriRules.validateForRegistration(uri);
			if (uri.contains(",") || uri.contains("*")) {
				throw RedirectUriRules.invalid(uri, "must not contain ',' or '*'");
			}
		}
		List<String> distinct = uris.stream().distinct().toList();
		if (String.join(",", distinct).length() > MAX_REDIRECT_URIS_LENGTH) {
			throw ApiProblemException.badRequest("invalid-redirect-uri",
					"A client's redirect URIs take at most " + MAX_REDIRECT_URIS_LENGTH + " characters together");
		}
		return distinct;
	}
}
