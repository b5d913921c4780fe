package dev.ticketbooth.partners;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.config.TicketboothProperties;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyProperties;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.keys.SecretHashes;

import org.springframework.stereotype.Component;

/**
 * Checks what operators send for a partner and fills in the defaults, so that only a partner every
 * mint and decision can use reaches the database. Each refusal is a 400 whose code names the field
 * that was wrong; the checks run in a fixed order, so a request with several faults always gets
 * the same answer.
 */
@Component
class PartnerRequests {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final Pattern CALLBACK_USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

	private final KeyRotation keys;

	private final KeyProperties keyProperties;

	private final TicketboothProperties properties;

	PartnerRequests(KeyRotation keys, KeyProperties keyProperties, TicketboothProperties properties) {
		this.keys = keys;
		this.keyProperties = keyProperties;
		this.properties = properties;
	}

	/**
	 * A valid partner and the callback password to store for it (null when it has no callback
	 * username).
	 */
	record Checked(Partner partner, String callbackSecret) {
	}

	/** The partner the request describes, created at {@code createdAt}. */
	Checked check(PartnerRequest request, Instant createdAt) {
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
		Duration platformMax = profile.dialect().maxLifetime().orElse(keyProperties.maxTokenLifetime());
		Duration max = lifetime("max_lifetime_seconds", request.maxLifetimeSeconds(),
				platformMax.compareTo(keyProperties.maxTokenLifetime()) < 0 ? platformMax : keyProperties.maxTokenLifetime());
		if (max.compareTo(platformMax) > 0) {
			throw ApiProblemException.badRequest("invalid-lifetime", "max_lifetime_seconds is at most "
					+ platformMax.toSeconds() + " s for " + profile.dialect().platform() + " partners");
		}
		Duration standard = lifetime("default_lifetime_seconds", request.defaultLifetimeSeconds(),
				max.compareTo(Duration.ofHours(1)) < 0 ? max : Duration.ofHours(1));
		if (standard.compareTo(max) > 0) {
			throw ApiProblemException.badRequest("invalid-lifetime", "default_lifetime_seconds exceeds max_lifetime_seconds");
		}
		Map<String, String> settings = profile.dialect().checkSettings(settings(request));
		if (profile.dialect() instanceof SignedUrlDialect && request.urlTemplates() != null && !request.urlTemplates().isEmpty()) {
			throw ApiProblemException.badRequest("invalid-url-template", profile.dialect().platform()
					+ " partners get URLs signed for their origin; they have no url_templates");
		}
		Map<String, String> urls = new LinkedHashMap<>(profile.dialect().defaultUrls(settings));
		if (request.urlTemplates() != null) {
			request.urlTemplates().forEach((name, template) -> urls.put(name, validTemplate(name, template)));
		}
		String callbackUsername = request.callbackUsername();
		String callbackSecret = callbackUsername == null ? null : callbackSecret(callbackUsername, request.callbackPassword());
		Partner partner = new Partner(request.id(), profile, keySet, algorithm, text("issuer", request.issuer() != null ? request.issuer()
				: properties.issuer()), request.audience() != null ? text("audience", request.audience()) : profile.dialect().defaultAudience(),
				standard, max, profile.dialect().checkClaimNames(request.claimNames()), urls, Boolean.TRUE.equals(request.libraryTokens()),
				callbackUsername, Boolean.TRUE.equals(request.allowPlainUserIds()), PartnerRules.parse(request.rules()),
				createdAt, settings, ViewerLimits.check(request.maxStreams(), request.streamLimitPolicy(), request.maxDevices(),
						request.deviceSlotCooldownSeconds(), request.singleUse()));
		return new Checked(partner, callbackSecret);
	}

	/**
	 * The settings as sent, with the fields given beside them ({@code origin}, {@code hash_algorithm})
	 * moved in (400 {@code invalid-settings} when both places name one, differently).
	 */
	private static Map<String, String> settings(PartnerRequest request) {
		Map<String, String> settings = new LinkedHashMap<>(request.settings() == null ? Map.of() : request.settings());
		request.fieldSettings().forEach((name, value) -> {
			String inSettings = settings.putIfAbsent(name, value);
			if (inSettings != null && !inSettings.equals(value)) {
				throw ApiProblemException.badRequest("invalid-settings", name + " is given twice, differently");
			}
		});
		return settings;
	}

	/** The password to store (the given one, or a generated one) once username and password are valid. */
	static String callbackSecret(String username, String password) {
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

	private Duration lifetime(String field, Long seconds, Duration fallback) {
		Duration value = seconds == null ? fallback : Duration.ofSeconds(seconds);
		if (value.toSeconds() < 10 || value.compareTo(keyProperties.maxTokenLifetime()) > 0) {
			throw ApiProblemException.badRequest("invalid-lifetime", field + " must be 10 s to "
					+ keyProperties.maxTokenLifetime().toSeconds() + " s (ticketbooth.keys.max-token-lifetime)");
		}
		return value;
	}

	private static String validTemplate(String name, String template) {
		if (name == null || !name.matches("[a-z][a-z0-9_-]{0,30}") || template == null || template.length() > 1000
				|| !template.startsWith("https://") || !(template.contains("{token}") || template.contains("{token."))) {
			throw ApiProblemException.badRequest("invalid-url-template",
					"A URL template is an https URL with a {token} (or {token.<name>}) placeholder, and optionally {video}");
		}
		return template;
	}

	private static String text(String field, String value) {
		if (value.isBlank() || value.length() > 500) {
			throw ApiProblemException.badRequest("invalid-" + field, field + " is 1-500 characters");
		}
		return value;
	}

	/**
	 * RS256 unless asked otherwise (or unless the set holds only ES256 keys), and only one the
	 * partner's platform verifies.
	 */
	private KeyAlgorithm algorithm(String requested, PartnerProfile profile, String keySet) {
		List<KeyAlgorithm> held = keys.sets().stream().filter(s -> s.name().equals(keySet)).findFirst()
			.map(KeySet::algorithms).orElse(List.of());
		KeyAlgorithm algorithm;
		try {
			algorithm = requested != null ? KeyAlgorithm.parse(requested)
					: profile.dialect().algorithms().size() == 1 ? profile.dialect().algorithms().iterator().next()
							: held.contains(KeyAlgorithm.ES256) && !held.contains(KeyAlgorithm.RS256) ? KeyAlgorithm.ES256
									: KeyAlgorithm.RS256;
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblemException.badRequest("invalid-algorithm", ex.getMessage());
		}
		if (!profile.dialect().algorithms().contains(algorithm)) {
			throw ApiProblemException.badRequest("invalid-algorithm", "Partner profile " + profile.wireName()
					+ " does not accept " + algorithm.name() + " tokens (" + profile.dialect().platform() + " verifies "
					+ profile.dialect().algorithms().stream().map(KeyAlgorithm::name).sorted().toList() + ")");
		}
		if (!held.contains(algorithm)) {
			throw ApiProblemException.badRequest("invalid-algorithm",
					"Key set '" + keySet + "' has no " + algorithm.name() + " keys; create a set with that algorithm");
		}
		return algorithm;
	}
}
