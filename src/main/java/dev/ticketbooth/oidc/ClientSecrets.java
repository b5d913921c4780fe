package dev.ticketbooth.oidc;

import java.util.Map;

import dev.ticketbooth.keys.SecretHashes;

import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * How OAuth client secrets are hashed and checked. Secrets we generate carry 256 random bits,
 * so a slow password hash adds nothing but latency to every client-credentials request: new
 * secrets get a keyed HMAC ({@code {hmac}...}, see {@link SecretHashes}), checked in constant
 * time. Secrets stored earlier as argon2id (no prefix) still match.
 *
 * Deliberately not a {@link PasswordEncoder} bean: people's passwords stay argon2id.
 */
@Component
public class ClientSecrets {

	private final DelegatingPasswordEncoder encoder;

	ClientSecrets(SecretHashes hashes, PasswordEncoder passwords) {
		PasswordEncoder hmac = new PasswordEncoder() {
			@Override
			public String encode(CharSequence raw) {
				return hashes.hash(raw.toString());
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				return hashes.matches(raw == null ? null : raw.toString(), encoded);
			}
		};
		this.encoder = new DelegatingPasswordEncoder("hmac", Map.of("hmac", hmac, "argon2", passwords));
		this.encoder.setDefaultPasswordEncoderForMatches(passwords);
	}

	public PasswordEncoder encoder() {
		return encoder;
	}
}
