package dev.ticketbooth.partners;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.ticketbooth.TestDatabase;
import dev.ticketbooth.config.DbTime;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeySet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The partners table, without Spring: rows read back as written, on H2 and PostgreSQL. */
class PartnerRepositoryTests {

	private static final Instant CREATED = DbTime.now(Clock.systemUTC());

	/** Runs {@code test} on a fresh database that holds the default key set and the partners {@code ids}. */
	private static void withPartners(Supplier<TestDatabase> database, List<String> ids, Consumer<PartnerRepository> test) {
		try (TestDatabase db = database.get()) {
			JdbcClient jdbc = JdbcClient.create(db.dataSource());
			jdbc.sql("INSERT INTO key_sets (name, algorithms, published, created_at) VALUES (?, 'RS256', true, ?)")
				.params(KeySet.DEFAULT, DbTime.bind(CREATED)).update();
			PartnerRepository partners = new PartnerRepository(jdbc);
			ids.forEach(id -> partners.insert(partner(id)));
			test.accept(partners);
		}
	}

	private static Partner partner(String id) {
		PartnerRules rules = PartnerRules.parse(Map.of("ips", List.of("192.0.2.0/24"), "windows", List.of(Map.of("days",
				List.of("mon", "tue"), "from", "22:00", "until", "06:00", "zone", "Europe/Madrid"))));
		return new Partner(id, PartnerProfile.STREAMAMG, KeySet.DEFAULT, KeyAlgorithm.RS256, "https://issuer.example.com",
				"playback.streamamg.com", Duration.ofMinutes(30), Duration.ofHours(2), Map.of("customer", "sub"),
				Map.of("player", "https://player.example.com/{video}?t={token}"), true, null, false, rules, CREATED);
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void aPartnerReadsBackAsItWasWrittenAndIdsAreUnique(Supplier<TestDatabase> database) {
		withPartners(database, List.of("b-partner", "a-partner"), partners -> {
			assertThat(partners.find("b-partner")).contains(partner("b-partner"));
			assertThat(partners.find("missing")).isEmpty();
			assertThat(partners.list()).extracting(Partner::id).containsExactly("a-partner", "b-partner");
			assertThatThrownBy(() -> partners.insert(partner("a-partner"))).isInstanceOf(DuplicateKeyException.class);

			partners.updateRules("a-partner", PartnerRules.NONE);
			assertThat(partners.find("a-partner").orElseThrow().rules()).isEqualTo(PartnerRules.NONE);

			assertThat(partners.delete("a-partner")).isTrue();
			assertThat(partners.delete("a-partner")).isFalse();
			assertThat(partners.list()).extracting(Partner::id).containsExactly("b-partner");
		});
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void callbackUsernamesFindTheirPartnerAndAreUnique(Supplier<TestDatabase> database) {
		withPartners(database, List.of("one", "two"), partners -> {
			partners.updateCallbackCredentials("one", "caller", "hmac1$stored");
			assertThat(partners.callbackCredentials("caller"))
				.contains(new PartnerRepository.CallbackCredentials("one", "hmac1$stored"));
			assertThat(partners.find("one").orElseThrow().callbackUsername()).isEqualTo("caller");
			assertThat(partners.callbackCredentials("nobody")).isEmpty();
			assertThatThrownBy(() -> partners.updateCallbackCredentials("two", "caller", "hmac1$other"))
				.isInstanceOf(DuplicateKeyException.class);
		});
	}
}
