package dev.ticketbooth.partners;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.config.TicketboothProperties;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyProperties;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.keys.KeySet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Brightcove refuses a token whose {@code exp} is more than 30 days after its {@code iat}: on a
 * server that signs tokens for longer, a Brightcove partner's lifetimes still stop there.
 */
class BrightcoveLifetimeTests {

	private final PartnerRequests requests = requests(Duration.ofDays(60));

	@Test
	void aBrightcovePartnersMaximumDefaultsToThirtyDaysAndMayNotExceedIt() {
		assertThat(check(null).maxLifetime()).isEqualTo(Duration.ofDays(30));
		assertThat(check(Duration.ofDays(30).toSeconds()).maxLifetime()).isEqualTo(Duration.ofDays(30));
		assertThatExceptionOfType(ApiProblemException.class).isThrownBy(() -> check(Duration.ofDays(30).toSeconds() + 1))
			.withMessageContaining("at most 2592000 s for Brightcove partners");
	}

	@Test
	void otherPlatformsKeepTheServersMaximum() {
		Partner kinescope = requests.check(new PartnerRequest("k", "kinescope", "bc", null, null, null,
				Duration.ofDays(45).toSeconds(), null, null, null), Instant.EPOCH).partner();
		assertThat(kinescope.maxLifetime()).isEqualTo(Duration.ofDays(45));
	}

	private Partner check(Long maxLifetimeSeconds) {
		return requests.check(new PartnerRequest("bc", "brightcove", "bc", null, null, null, maxLifetimeSeconds, null, null,
				null, null, null, null, null, null, Map.of("accid", "1234567890")), Instant.EPOCH).partner();
	}

	private static PartnerRequests requests(Duration serverMaximum) {
		KeyRotation keys = mock(KeyRotation.class);
		when(keys.sets()).thenReturn(List.of(new KeySet("bc", List.of(KeyAlgorithm.RS256), false, Instant.EPOCH)));
		KeyProperties properties = new KeyProperties(Duration.ofDays(90), Duration.ofHours(24), serverMaximum,
				Duration.ofSeconds(60), null, Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofMinutes(1));
		return new PartnerRequests(keys, properties,
				new TicketboothProperties(Path.of("."), "https://tickets.example.com", null, null));
	}
}
