package dev.ticketbooth.login;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.config.DbTime;
import dev.ticketbooth.config.RedirectUriRules;
import dev.ticketbooth.keys.KeyEncryptionKey;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Applicaster providers and their pre-shared secrets (encrypted at rest under the KEK). */
@Service
public class Providers {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	static final int MIN_SECRET_LENGTH = 32;

	static final Duration MAX_LIFETIME = Duration.ofDays(30);

	private static final String COLUMNS = "id, display_name, issuer_name, token_lifetime_seconds, redirect_uris, created_at";

	private static final RowMapper<Provider> ROW = Providers::map;

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final KeyEncryptionKey kek;

	private final Clock clock;

	Providers(JdbcClient jdbc, KeyEncryptionKey kek, Clock clock) {
		this.jdbc = jdbc;
		this.kek = kek;
		this.clock = clock;
	}

	/** A provider and, once only, its secret in clear. */
	public record Created(Provider provider, String secret) {
	}

	public Created create(String id, String displayName, String issuerName, Duration lifetime, List<String> redirectUris,
			String importedSecret) {
		if (id == null || !ID.matcher(id).matches()) {
			throw ApiProblemException.badRequest("invalid-provider-id",
					"A provider id is 1-64 characters of a-z, 0-9 and '-', starting with a letter or digit");
		}
		Provider provider = new Provider(id, text("display_name", displayName == null ? id : displayName),
				text("issuer_name", issuerName), validLifetime(lifetime), validRedirectUris(redirectUris), DbTime.now(clock));
		String secret = importedSecret == null ? generateSecret() : validSecret(importedSecret);
		try {
			jdbc.sql("INSERT INTO login_providers (id, display_name, issuer_name, token_lifetime_seconds, secret_ciphertext, "
					+ "redirect_uris, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
				.params(provider.id(), provider.displayName(), provider.issuerName(), provider.tokenLifetime().toSeconds(),
						seal(id, secret), String.join("\n", provider.redirectUris()), DbTime.bind(provider.createdAt()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw ApiProblemException.conflict("provider-exists", "A provider with id '" + id + "' already exists");
		}
		return new Created(provider, secret);
	}

	public List<Provider> list() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM login_providers ORDER BY id").query(ROW).list();
	}

	public Optional<Provider> find(String id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM login_providers WHERE id = ?").param(id).query(ROW).optional();
	}

	public Provider get(String id) {
		return find(id).orElseThrow(() -> ApiProblemException.notFound("unknown-provider", "No provider '" + id + "'"));
	}

	public Provider update(String id, String displayName, String issuerName, Duration lifetime, List<String> redirectUris) {
		Provider current = get(id);
		Provider updated = new Provider(id, displayName == null ? current.displayName() : text("display_name", displayName),
				issuerName == null ? current.issuerName() : text("issuer_name", issuerName),
				lifetime == null ? current.tokenLifetime() : validLifetime(lifetime),
				redirectUris == null ? current.redirectUris() : validRedirectUris(redirectUris), current.createdAt());
		jdbc.sql("UPDATE login_providers SET display_name = ?, issuer_name = ?, token_lifetime_seconds = ?, redirect_uris = ? "
				+ "WHERE id = ?")
			.params(updated.displayName(), updated.issuerName(), updated.tokenLifetime().toSeconds(),
					String.join("\n", updated.redirectUris()), id)
			.update();
		return updated;
	}

	/** Replaces the secret (generated, or as the Applicaster CMS shows it); returns it once. */
	public String replaceSecret(String id, String importedSecret) {
		get(id);
		String secret = importedSecret == null ? generateSecret() : validSecret(importedSecret);
		jdbc.sql("UPDATE login_providers SET secret_ciphertext = ? WHERE id = ?").params(seal(id, secret), id).update();
		return secret;
	}

	public void delete(String id) {
		if (jdbc.sql("DELETE FROM login_providers WHERE id = ?").param(id).update() == 0) {
			throw ApiProblemException.notFound("unknown-provider", "No provider '" + id + "'");
		}
	}

	/** The HMAC key: the secret's UTF-8 bytes. The caller should clear the array after use. */
	byte[] secretKey(String id) {
		String ciphertext = jdbc.sql("SELECT secret_ciphertext FROM login_providers WHERE id = ?").param(id)
			.query(String.class).single();
		return kek.decryptFromBase64(ciphertext, context(id));
	}

	private String seal(String id, String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		try {
			return kek.encryptToBase64(bytes, context(id));
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

	private static String context(String id) {
		return "provider-secret:" + id;
	}

	private static String generateSecret() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String validSecret(String secret) {
		if (secret.length() < MIN_SECRET_LENGTH || secret.length() > 512 || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			throw ApiProblemException.badRequest("invalid-secret", "A pre-shared secret is " + MIN_SECRET_LENGTH
					+ "-512 printable ASCII characters (HS256 needs at least 256 bits)");
		}
		return secret;
	}

	private static Duration validLifetime(Duration lifetime) {
		Duration value = lifetime == null ? Duration.ofHours(1) : lifetime;
		if (value.compareTo(Duration.ofMinutes(1)) < 0 || value.compareTo(MAX_LIFETIME) > 0) {
			throw ApiProblemException.badRequest("invalid-token-lifetime", "A token lifetime is 60 s to 30 days");
		}
		return value;
	}

	private static List<String> validRedirectUris(List<String> uris) {
		if (uris == null || uris.isEmpty() || uris.size() > 50) {
			throw ApiProblemException.badRequest("invalid-redirect-uri", "Register 1-50 redirect URIs");
		}
		return uris.stream().map(RedirectUriRules::validateForRegistration).distinct().toList();
	}

	private static String text(String field, String value) {
		if (value == null || value.isBlank() || value.length() > 200) {
			throw ApiProblemException.badRequest("invalid-" + field.replace('_', '-'), field + " is 1-200 characters");
		}
		return value;
	}

	private static Provider map(ResultSet rs, int row) throws SQLException {
		return new Provider(rs.getString("id"), rs.getString("display_name"), rs.getString("issuer_name"),
				Duration.ofSeconds(rs.getLong("token_lifetime_seconds")), List.of(rs.getString("redirect_uris").split("\n")),
				DbTime.read(rs, "created_at"));
	}
}
