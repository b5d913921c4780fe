package dev.ticketbooth.partners;

import java.util.List;

import dev.ticketbooth.config.ApiProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowRulesTests {

	@ParameterizedTest
	@CsvSource({ "1.2.3.4,1.2.3.4", "10.0.0.0/8,10.0.0.0/8", "0.0.0.0/0,0.0.0.0/0", "2001:DB8::1,2001:db8::1",
			"2001:0db8:0000:0000:0000:0000:0000:0001,2001:db8::1", "2001:db8::/32,2001:db8::/32", "::1,::1", "::/0,::/0",
			"fe80:0:0:1:0:0:0:1,fe80:0:0:1::1", "2001:db8:0:0:1:0:0:1,2001:db8::1:0:0:1" })
	void addressesAndRangesAreWrittenCanonically(String given, String canonical) {
		assertThat(AllowRules.ip(given)).isEqualTo(canonical);
	}

	@ParameterizedTest
	@ValueSource(strings = { "256.1.1.1", "1.2.3", "01.2.3.4x", "example.com", "localhost", "1.2.3.4/33", "::1/129",
			"1.2.3.4/-1", "1.2.3.4/x", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "" })
	void anythingElseIsRefusedWithoutAnyDnsLookup(String given) {
		assertThatThrownBy(() -> AllowRules.ip(given)).isInstanceOfSatisfying(ApiProblemException.class,
				ex -> assertThat(ex.code()).isEqualTo("invalid-ips"));
	}

	@Test
	void originsAndCountriesAreNormalisedAndDeduplicated() {
		AllowRules rules = AllowRules.of(null, List.of("HTTPS://Example.COM", "https://example.com", "http://a.b:8080"),
				List.of("ES", "es", "De"));
		assertThat(rules.origins()).containsExactly("https://example.com", "http://a.b:8080");
		assertThat(rules.countries()).containsExactly("es", "de");
		assertThat(rules.claim()).containsKey("allow");
	}

	@ParameterizedTest
	@ValueSource(strings = { "example.com", "ftp://example.com", "https://example.com/", "https://u@example.com",
			"https://example.com?x", "https://example.com#f", "javascript:alert(1)" })
	void originsAreSchemeHostAndPortOnly(String origin) {
		assertThatThrownBy(() -> AllowRules.origin(origin)).isInstanceOfSatisfying(ApiProblemException.class,
				ex -> assertThat(ex.code()).isEqualTo("invalid-origins"));
	}
}
