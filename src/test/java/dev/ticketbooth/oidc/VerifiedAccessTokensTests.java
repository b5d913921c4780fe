package dev.ticketbooth.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.ticketbooth.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the verified-token memory may and may not answer. The decoder underneath stands in for the
 * real one (whose signature checks the API tests cover) and records each token it is asked about.
 */
class VerifiedAccessTokensTests {

	final MutableClock clock = MutableClock.startingNow();

	final AtomicLong generation = new AtomicLong(1);

	final List<String> verifiedByDecoder = new ArrayList<>();

	final List<String> rejected = new ArrayList<>();

	final JwtDecoder decoder = token -> {
		verifiedByDecoder.add(token);
		if (rejected.contains(token)) {
			throw new BadJwtException("bad signature");
		}
		Instant now = clock.instant();
		return Jwt.withTokenValue(token).header("alg", "RS256").subject("backend").issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(5))).build();
	};

	final VerifiedAccessTokens tokens = new VerifiedAccessTokens(decoder, generation::get, clock, 3);

	@Test
	void aTokenIsVerifiedOnceWhileTheKeyRingIsUnchanged() {
		Jwt first = tokens.decode("t1");
		assertThat(tokens.decode("t1")).isSameAs(first);
		assertThat(verifiedByDecoder).containsExactly("t1");
	}

	@Test
	void anyKeyRingChangeSuchAsARevocationForgetsEveryToken() {
		tokens.decode("t1");
		generation.incrementAndGet();
		rejected.add("t1"); // its key was revoked
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> tokens.decode("t1"));
		assertThat(verifiedByDecoder).containsExactly("t1", "t1");
	}

	@Test
	void anExpiredTokenIsNeverAnsweredFromMemory() {
		tokens.decode("t1");
		clock.advance(Duration.ofMinutes(5));
		rejected.add("t1"); // the real decoder refuses it past exp + skew
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> tokens.decode("t1"));
	}

	@Test
	void failuresAreNotRemembered() {
		rejected.add("forged");
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> tokens.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> tokens.decode("forged"));
		assertThat(verifiedByDecoder).containsExactly("forged", "forged");
	}

	@Test
	void theMemoryIsBounded() {
		for (String token : List.of("t1", "t2", "t3", "t4")) {
			tokens.decode(token);
		}
		tokens.decode("t1"); // forgotten when t4 arrived at capacity
		assertThat(verifiedByDecoder).containsExactly("t1", "t2", "t3", "t4", "t1");
	}
}
