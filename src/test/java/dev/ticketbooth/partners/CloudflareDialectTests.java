package dev.ticketbooth.partners;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How decisions read a Cloudflare token's {@code accessRules} (first-match, as Cloudflare evaluates them). */
class CloudflareDialectTests {

	private final Dialect dialect = new CloudflareDialect();

	private static final Map<String, Object> BLOCK = Map.of("type", "any", "action", "block");

	@Test
	void anAllowListClosedByAnyBlockBecomesTheTokensAllowRules() {
		assertThat(rules(List.of(Map.of("type", "ip.src", "ip", List.of("203.0.113.0/24"), "action", "allow"), BLOCK)))
			.isEqualTo(new AllowRules(List.of("203.0.113.0/24"), List.of(), List.of()));
		assertThat(rules(List.of(Map.of("type", "ip.geoip.country", "country", List.of("GB", "DE"), "action", "allow"),
				BLOCK))).isEqualTo(new AllowRules(List.of(), List.of(), List.of("gb", "de")));
	}

	@Test
	void withoutTheClosingBlockNothingIsRestricted() {
		assertThat(dialect.tokenRules(Map.of("sub", "v"))).isEqualTo(AllowRules.NONE);
		assertThat(rules(List.of())).isEqualTo(AllowRules.NONE);
		assertThat(rules(List.of(Map.of("type", "ip.src", "ip", List.of("203.0.113.7"), "action", "allow"))))
			.as("Cloudflare: a token no rule matches is valid").isEqualTo(AllowRules.NONE);
	}

	@Test
	void listsWeCannotReadRestrictToNothing() {
		assertThat(rules(List.of(Map.of("type", "ip.src", "ip", List.of("203.0.113.7"), "action", "block"), BLOCK)))
			.isEqualTo(AllowRules.NOTHING);
		assertThat(rules(List.of(Map.of("type", "ip.src", "ip", List.of("not an ip"), "action", "allow"), BLOCK)))
			.isEqualTo(AllowRules.NOTHING);
		assertThat(rules(List.of(Map.of("type", "asn", "action", "allow"), BLOCK))).isEqualTo(AllowRules.NOTHING);
		assertThat(rules(List.of("ip.src", BLOCK))).isEqualTo(AllowRules.NOTHING);
	}

	@Test
	void ourAccessClaimIsNotACloudflareRule() {
		Map<String, Object> access = Map.of("access", Map.of("allow", Map.of("ips", List.of("203.0.113.7"))));
		assertThat(dialect.tokenRules(access)).isEqualTo(AllowRules.NONE);
		assertThat(new KinescopeDialect().tokenRules(access))
			.isEqualTo(new AllowRules(List.of("203.0.113.7"), List.of(), List.of()));
	}

	private AllowRules rules(List<?> accessRules) {
		return dialect.tokenRules(Map.of("accessRules", accessRules));
	}
}
