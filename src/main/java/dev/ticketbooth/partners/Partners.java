package dev.ticketbooth.partners;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.config.DbTime;
import dev.ticketbooth.config.TicketboothProperties;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyProperties;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.keys.SecretHashes;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Partners: one per platform integration, each with its token profile and key set. */
@Service
public class Partners {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	/** The StreamAMG claims a partner may rename, with their default names. */
	private static final Map<String, String> CLAIM_ROLES = Map.of("customer", "customer_id", "session", "session_id", "entry",
			"entry_id");

	/**
	 * Claims a StreamAMG token sets itself (see {@code PlaybackTokens#claims}): the registered
	 * claims of RFC 7519 §4.1, {@code azp} and the {@code access} rules. A role renamed to one of
	 * these would overwrite it with a value the caller chose (the entry is the requested video), so
	 * only StreamAMG's own example is allowed: {@code customer} as {@code sub} and {@code session}
	 * as {@code jti}, which carry the very same values.
	 */
	private static final Set<String> OWN_CLAIMS = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "azp", "access");

	private static final Map<String, String> SAME_VALUE_CLAIMS = Map.of("customer", "sub", "session", "jti");

	private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:/-]{0,99}");

	private static final String COLUMNS = "id, profile, key_set, algorithm, issuer, audience, default_lifetime_seconds, "
			+ "max_lifetime_seconds, claim_names, url_templates, library_tokens, callback_username, allow_plain_user_ids, "
			+ "rules, created_at";

	private static final Pattern CALLBACK_USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

	private final JdbcClient jdbc;

	private final KeyRotation keys;

	private final KeyProperties keyProperties;

	private final TicketboothProperties properties;

	private final Clock clock;

	private final SecretHashes secretHashes;

	private final TransactionTemplate transactions;

	/** Partners by id, as read within the last {@code cacheTtl}: every mint and decision names one. */
	private final Map<String, CachedPartner> cache = new ConcurrentHashMap<>();

	private final Duration cacheTtl;

	private record CachedPartner(Partner partner, Instant readAt) {
	}

	Partners(JdbcClient jdbc, KeyRotation keys, KeyProperties keyProperties, TicketboothProperties properties, Clock clock,
			SecretHashes secretHashes, TransactionTemplate transactions,
			@Value("${ticketbooth.playback.partner-cache-ttl:5s}") Duration cacheTtl) {
		this.transactions = transactions;
		this.cacheTtl = cacheTtl;
		this.secretHashes = secretHashes;
		this.jdbc = jdbc;
		this.keys = keys;
		this.keyProperties = keyProperties;
		this.properties = properties;
		this.clock = clock;
	}

	/** A partner as operators write it; nulls take the profile's defaults. */
	public record PartnerRequest(String id, String profile, String keySet, String issuer, String audience,
			Long defaultLifetimeSeconds, Long maxLifetimeSeconds, Map<String, String> claimNames,
			Map<String, String> urlTemplates, Boolean libraryTokens, String callbackUsername, String callbackPassword,
			Boolean allowPlainUserIds, Map<String, Object> rules, String algorithm) {

		public PartnerRequest(String id, String profile, String keySet, String issuer, String audience,
				Long defaultLifetimeSeconds, Long maxLifetimeSeconds, Map<String, String> claimNames,
				Map<String, String> urlTemplates, Boolean libraryTokens) {
			this(id, profile, keySet, issuer, audience, defaultLifetimeSeconds, maxLifetimeSeconds, claimNames, urlTemplates,
					libraryTokens, null, null, null, null, null);
		}
	}

	/** A partner and, when we generated it, its callback password (shown this once). */
	public record Created(Partner partner, String callbackPassword) {
	}

	/** The partner whose callback username this is, if its password matches; constant time either way. */
	public Optional<Partner> authenticateCallback(String username, String password) {
		Optional<String> hash = username == null ? Optional.empty()
				: jdbc.sql("SELECT callback_secret_hash FROM partners WHERE callback_username = ?").param(username)
					.query(String.class).optional();
		boolean matches = secretHashes.matches(password, hash.orElse(null));
		return matches ? jdbc.sql("SELECT " + COLUMNS + " FROM partners WHERE callback_username = ?").param(username)
			.query(Partners::map).optional() : Optional.empty();
	}

	/** Replaces the partner-wide decision rules (IPs, origins, countries, time windows). */
	public Partner setRules(String id, Map<String, Object> rules) {
		get(id);
		PartnerRules parsed = PartnerRules.parse(rules);
		jdbc.sql("UPDATE partners SET rules = ? WHERE id = ?").params(JSONObjectUtils.toJSONString(parsed.json()), id).update();
		cache.remove(id);
		return get(id);
	}

	/** The partner of this profile whose HTTP Basic credentials the {@code Authorization} header carries. */
	public Optional<Partner> authenticateBasic(String authorization, PartnerProfile profile) {
		String username = null;
		String password = null;
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).trim()),
						java.nio.charset.StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				if (colon > 0) {
					username = decoded.substring(0, colon);
					password = decoded.substring(colon + 1);
				}
			}
			catch (IllegalArgumentException ex) {
				// not base64: no credentials, same path and cost as a wrong password
			}
		}
		return authenticateCallback(username, password).filter(p -> p.profile() == profile);
	}

	/** Sets the callback credentials; a null password is generated. Returns the password once. */
	public String setCallbackCredentials(String id, String username, String password) {
		get(id);
		String secret = callbackSecret(username, password);
		storeCallbackCredentials(id, username, secret);
		return secret;
	}

	/** The password to store (the given one, or a generated one) once username and password are valid. */
	private static String callbackSecret(String username, String password) {
		if (username == null || !CALLBACK_USERNAME.matcher(username).matches()) {
			throw ApiProblemException.badRequest("invalid-callback-username",
					"A callback username is 1-100 letters, digits and . _ @ -");
		}
		String secret = password == null ? SecretHashes.generate() : password;
		if (secret.length() < 16 || secret.length() > 200) {
			throw ApiProblemException.badRequest("invalid-callback-password", "A callback password is 16-200 characters");
		}
		return secret;
	}

	private void storeCallbackCredentials(String id, String username, String secret) {
		try {
			jdbc.sql("UPDATE partners SET callback_username = ?, callback_secret_hash = ? WHERE id = ?")
				.params(username, secretHashes.hash(secret), id).update();
			cache.remove(id);
		}
		catch (DuplicateKeyException ex) {
			throw ApiProblemException.conflict("callback-username-taken", "Another partner uses callback username '" + username + "'");
		}
	}

	/**
	 * Creates the partner and its callback credentials in one transaction: a taken callback
	 * username (409) leaves no partner behind. Nothing here reads through the partner cache, so
	 * a rolled-back partner is never remembered either.
	 */
	public Created create(PartnerRequest request) {
		if (request.id() == null || !ID.matcher(request.id()).matches()) {
			throw ApiProblemException.badRequest("invalid-partner-id",
					"A partner id is 1-64 characters of a-z, 0-9 and '-', starting with a letter or digit");
		}
		PartnerProfile profile = PartnerProfile.parse(request.profile());
		String keySet = request.keySet() != null ? request.keySet() : KeySet.DEFAULT;
		if (keys.sets().stream().noneMatch(s -> s.name().equals(keySet))) {
			throw ApiProblemException.badRequest("unknown-key-set", "No key set named '" + keySet + "'");
		}
		KeyAlgorithm algorithm = algorithm(request.algorithm(), profile, keySet);
		Duration max = lifetime("max_lifetime_seconds", request.maxLifetimeSeconds(), keyProperties.maxTokenLifetime());
		Duration standard = lifetime("default_lifetime_seconds", request.defaultLifetimeSeconds(),
				max.compareTo(Duration.ofHours(1)) < 0 ? max : Duration.ofHours(1));
		if (standard.compareTo(max) > 0) {
			throw ApiProblemException.badRequest("invalid-lifetime", "default_lifetime_seconds exceeds max_lifetime_seconds");
		}
		Map<String, String> urls = new LinkedHashMap<>(profile.defaultUrls());
		if (request.urlTemplates() != null) {
			request.urlTemplates().forEach((name, template) -> urls.put(name, validTemplate(name, template)));
		}
		String callbackUsername = request.callbackUsername();
		String callbackSecret = callbackUsername == null ? null : callbackSecret(callbackUsername, request.callbackPassword());
		Partner partner = new Partner(request.id(), profile, keySet, algorithm, text("issuer", request.issuer() != null ? request.issuer()
				: properties.issuer()), request.audience() != null ? text("audience", request.audience()) : profile.defaultAudience(),
				standard, max, validClaimNames(request.claimNames()), urls, Boolean.TRUE.equals(request.libraryTokens()),
				callbackUsername, Boolean.TRUE.equals(request.allowPlainUserIds()), PartnerRules.parse(request.rules()),
				DbTime.now(clock));
		transactions.executeWithoutResult(status -> {
			insert(partner);
			if (callbackUsername != null) {
				storeCallbackCredentials(partner.id(), callbackUsername, callbackSecret);
			}
		});
		return new Created(partner, callbackUsername != null && request.callbackPassword() == null ? callbackSecret : null);
	}

	/** The row without callback credentials: those follow, so that a taken username is told from a taken id. */
	private void insert(Partner partner) {
		try {
			jdbc.sql("INSERT INTO partners (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(partner.id(), partner.profile().name(), partner.keySet(), partner.algorithm().name(), partner.issuer(),
						partner.audience(),
						partner.defaultLifetime().toSeconds(), partner.maxLifetime().toSeconds(),
						JSONObjectUtils.toJSONString(new LinkedHashMap<>(partner.claimNames())),
						JSONObjectUtils.toJSONString(new LinkedHashMap<>(partner.urlTemplates())), partner.libraryTokens(),
						null, partner.allowPlainUserIds(), JSONObjectUtils.toJSONString(partner.rules().json()),
						DbTime.bind(partner.createdAt()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw ApiProblemException.conflict("partner-exists", "A partner with id '" + partner.id() + "' already exists");
		}
	}

	/**
	 * The partner, from this node's memory when read within {@code ticketbooth.playback.partner-cache-ttl}
	 * (5 s): changes made here apply at once, changes made on another node within the TTL. Unknown
	 * ids are never remembered, so made-up ids cannot fill the memory.
	 */
	public Optional<Partner> find(String id) {
		if (id == null) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		CachedPartner cached = cache.get(id);
		if (cached != null && now.isBefore(cached.readAt().plus(cacheTtl)) && !now.isBefore(cached.readAt())) {
			return Optional.of(cached.partner());
		}
		Optional<Partner> partner = jdbc.sql("SELECT " + COLUMNS + " FROM partners WHERE id = ?").param(id)
			.query(Partners::map).optional();
		if (partner.isPresent()) {
			if (cache.size() >= 10_000) {
				cache.clear();
			}
			cache.put(id, new CachedPartner(partner.get(), now));
		}
		else {
			cache.remove(id);
		}
		return partner;
	}

	public Partner get(String id) {
		return find(id).orElseThrow(() -> ApiProblemException.notFound("unknown-partner", "No partner '" + id + "'"));
	}

	public List<Partner> list() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM partners ORDER BY id").query(Partners::map).list();
	}

	public void delete(String id) {
		cache.remove(id);
		if (jdbc.sql("DELETE FROM partners WHERE id = ?").param(id).update() == 0) {
			throw ApiProblemException.notFound("unknown-partner", "No partner '" + id + "'");
		}
	}

	private Duration lifetime(String field, Long seconds, Duration fallback) {
		Duration value = seconds == null ? fallback : Duration.ofSeconds(seconds);
		if (value.toSeconds() < 10 || value.compareTo(keyProperties.maxTokenLifetime()) > 0) {
			throw ApiProblemException.badRequest("invalid-lifetime", field + " must be 10 s to "
					+ keyProperties.maxTokenLifetime().toSeconds() + " s (ticketbooth.keys.max-token-lifetime)");
		}
		return value;
	}

	private static Map<String, String> validClaimNames(Map<String, String> names) {
		if (names == null) {
			return Map.of();
		}
		names.forEach((role, name) -> {
			if (!CLAIM_ROLES.containsKey(role) || name == null || !CLAIM_NAME.matcher(name).matches()) {
				throw ApiProblemException.badRequest("invalid-claim-names",
						"claim_names maps customer, session and entry to claim names");
			}
			if (OWN_CLAIMS.contains(name) && !name.equals(SAME_VALUE_CLAIMS.get(role))) {
				throw ApiProblemException.badRequest("invalid-claim-names", "claim_names may not map " + role + " to '" + name
						+ "': the token sets that claim itself (only customer may be sub, and session jti)");
			}
		});
		Set<String> effective = new HashSet<>();
		CLAIM_ROLES.forEach((role, fallback) -> {
			if (!effective.add(names.getOrDefault(role, fallback))) {
				throw ApiProblemException.badRequest("invalid-claim-names", "claim_names maps two of customer, session and "
						+ "entry (counting their defaults customer_id, session_id, entry_id) to one claim name");
			}
		});
		return names;
	}

	private static String validTemplate(String name, String template) {
		if (name == null || !name.matches("[a-z][a-z0-9_-]{0,30}") || template == null || template.length() > 1000
				|| !template.startsWith("https://") || !template.contains("{token}")) {
			throw ApiProblemException.badRequest("invalid-url-template",
					"A URL template is an https URL with a {token} placeholder (and optionally {video})");
		}
		return template;
	}

	private static String text(String field, String value) {
		if (value.isBlank() || value.length() > 500) {
			throw ApiProblemException.badRequest("invalid-" + field, field + " is 1-500 characters");
		}
		return value;
	}

	private static Partner map(ResultSet rs, int row) throws SQLException {
		try {
			return new Partner(rs.getString("id"), PartnerProfile.valueOf(rs.getString("profile")), rs.getString("key_set"),
					KeyAlgorithm.valueOf(rs.getString("algorithm")),
					rs.getString("issuer"), rs.getString("audience"), Duration.ofSeconds(rs.getLong("default_lifetime_seconds")),
					Duration.ofSeconds(rs.getLong("max_lifetime_seconds")), strings(rs.getString("claim_names")),
					strings(rs.getString("url_templates")), rs.getBoolean("library_tokens"), rs.getString("callback_username"),
					rs.getBoolean("allow_plain_user_ids"), PartnerRules.parse(JSONObjectUtils.parse(rs.getString("rules"))),
					DbTime.read(rs, "created_at"));
		}
		catch (ParseException ex) {
			throw new SQLException("partners row " + rs.getString("id") + " holds malformed JSON", ex);
		}
	}

	/**
	 * RS256 unless asked otherwise (or unless the set holds only ES256 keys); ES256 for partners
	 * that accept it; Vidbeo verifies RS256 only.
	 */
	private KeyAlgorithm algorithm(String requested, PartnerProfile profile, String keySet) {
		List<KeyAlgorithm> held = keys.sets().stream().filter(s -> s.name().equals(keySet)).findFirst()
			.map(KeySet::algorithms).orElse(List.of());
		KeyAlgorithm algorithm;
		try {
			algorithm = requested != null ? KeyAlgorithm.parse(requested)
					: held.contains(KeyAlgorithm.ES256) && !held.contains(KeyAlgorithm.RS256) ? KeyAlgorithm.ES256
							: KeyAlgorithm.RS256;
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblemException.badRequest("invalid-algorithm", ex.getMessage());
		}
		if (algorithm == KeyAlgorithm.EdDSA || (algorithm != KeyAlgorithm.RS256 && profile == PartnerProfile.VIDBEO)) {
			throw ApiProblemException.badRequest("invalid-algorithm", "Partner profile " + profile.wireName()
					+ " does not accept " + algorithm.name() + " tokens"
					+ (profile == PartnerProfile.VIDBEO ? " (Vidbeo verifies RS256 only)" : " (use RS256 or ES256)"));
		}
		if (!held.contains(algorithm)) {
			throw ApiProblemException.badRequest("invalid-algorithm",
					"Key set '" + keySet + "' has no " + algorithm.name() + " keys; create a set with that algorithm");
		}
		return algorithm;
	}

	private static Map<String, String> strings(String json) throws ParseException {
		Map<String, String> out = new LinkedHashMap<>();
		JSONObjectUtils.parse(json).forEach((k, v) -> out.put(k, String.valueOf(v)));
		return out;
	}
}
