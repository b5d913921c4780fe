package dev.ticketbooth.decisions;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import dev.ticketbooth.Jose;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.geo.CountryLookup;
import dev.ticketbooth.playback.PlaybackTokenRequest;
import dev.ticketbooth.playback.PlaybackTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Country rules decided through a real MaxMind-format database: the CC0 ip-location-db country
 * file from npm (pinned in src/test/js/package-lock.json).
 */
@TicketboothServerTest
class GeoDecisionTests {

	@DynamicPropertySource
	static void countryDatabase(DynamicPropertyRegistry registry) {
		Path database = Jose.module("@ip-location-db/geo-whois-asn-country-mmdb").resolve("geo-whois-asn-country.mmdb");
		registry.add("ticketbooth.geo.database", database::toString);
	}

	@Autowired
	CountryLookup countries;

	@Autowired
	Decisions decisions;

	@Autowired
	PlaybackTokens tokens;

	@Autowired
	Viewers viewers;

	@Test
	void theDatabaseKnowsWellKnownAddresses() throws Exception {
		assertThat(countries.country(InetAddress.getByName("8.8.8.8"))).hasValue("us");
		assertThat(countries.country(InetAddress.getByName("80.58.61.250"))).hasValue("es");
		assertThat(countries.country(InetAddress.getByName("2001:4860:4860::8888"))).hasValue("us");
		assertThat(countries.country(InetAddress.getByName("10.1.2.3"))).isEmpty();
	}

	@Test
	void countryRulesAllowAndDenyByTheViewersAddress() throws Exception {
		String s = Viewers.suffix();
		Viewers.Viewer viewer = viewers.purchased("geo", s);
		String token = tokens.mint(new PlaybackTokenRequest(viewers.kinescope("kin-geo-" + s).id(),
				viewer.user().username(), viewer.video(), null, new PlaybackTokenRequest.Allow(null, null, List.of("es", "us"))))
			.token();

		assertThat(decide(token, "geo-" + s, "80.58.61.250")).extracting(Decision::allow, Decision::reason)
			.containsExactly(true, Reason.ALLOWED);
		assertThat(decide(token, "geo-" + s, "2001:4860:4860::8888").allow()).isTrue();
		assertThat(decide(token, "geo-" + s, "193.0.6.139")).extracting(Decision::allow, Decision::reason)
			.containsExactly(false, Reason.COUNTRY_NOT_ALLOWED);
		assertThat(decide(token, "geo-" + s, "10.1.2.3").reason()).isEqualTo(Reason.COUNTRY_NOT_ALLOWED);
		assertThat(decide(token, "geo-" + s, null).reason()).isEqualTo(Reason.COUNTRY_NOT_ALLOWED);
	}

	private Decision decide(String token, String video, String ip) {
		return decisions.decide(new DecisionRequest(token, video, ip, null, null), null, "api");
	}
}
