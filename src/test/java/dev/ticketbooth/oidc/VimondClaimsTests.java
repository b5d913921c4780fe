package dev.ticketbooth.oidc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.oidc.VimondEntitlement.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Vimond's play-flow claims, checked against the example and the rules in Vimond's guide (seed 002). */
class VimondClaimsTests {

	static final Instant NOW = Instant.parse("2019-10-01T00:00:00Z");

	static final VimondClaims.Options URI = new VimondClaims.Options(true, false, 6000);

	static VimondEntitlement svod(String id, String quality, Integer streams, String until) {
		return new VimondEntitlement(Kind.SVOD, id, quality, streams, until == null ? null : Instant.parse(until),
				NOW.minusSeconds(86400));
	}

	static VimondEntitlement asset(String id, String quality, Integer streams, int daysAgo) {
		return new VimondEntitlement(Kind.TVOD_ASSET, id, quality, streams, null, NOW.minusSeconds(86400L * daysAgo));
	}

	static VimondEntitlement category(String id, String quality, Integer streams, int daysAgo) {
		return new VimondEntitlement(Kind.TVOD_CATEGORY, id, quality, streams, null, NOW.minusSeconds(86400L * daysAgo));
	}

	@Test
	void reproducesTheGuidesExampleToken() throws Exception {
		List<VimondEntitlement> entitlements = List.of(
				asset("678", "hd", 1, 3), category("876", "hd", 1, 3), svod("456", "hd", 2, null),
				asset("345", "hd", 1, 2), category("654", "hd", 1, 2), svod("54", "4k", 5, "2019-10-17T14:25:27Z"),
				asset("123", "hd", 1, 1), category("432", "hd", 1, 1), svod("77", "4k", 5, "2019-10-17T14:25:27Z"));
		Map<String, Object> claims = VimondClaims.build(entitlements, new VimondClaims.Flags(true, true), URI, NOW);
		assertThat(claims).isEqualTo(JSONObjectUtils.parse("""
				{
				  "https://vimond/entitlements": [
				    {"svod": "54,77", "quality": "4k", "streamcount": "5", "until": "2019-10-17T14:25:27+00:00"},
				    {"svod": "456", "quality": "hd", "streamcount": "2"},
				    {"tvod": {"a": [123, 345, 678], "c": [432, 654, 876]}, "quality": "hd", "streamcount": "1"}
				  ],
				  "https://vimond/devicerule": "*",
				  "https://vimond/geoblock": {"bypass": true}
				}"""));
		assertThat(claims.keySet()).containsExactly("https://vimond/entitlements", "https://vimond/devicerule",
				"https://vimond/geoblock");
	}

	@Test
	void expiredEntitlementsAreLeftOutAndSvodComesBeforeTvodBestFirst() {
		List<VimondEntitlement> entitlements = List.of(asset("9", "4k", 4, 1), svod("1", "sd", 1, null),
				svod("2", "hd", 3, null), svod("3", "hd", 1, null), svod("4", "8k", 1, "2019-09-30T00:00:00Z"),
				svod("5", "premium", 9, null), svod("6", null, null, null));
		Map<String, Object> claims = VimondClaims.build(entitlements, new VimondClaims.Flags(false, false), URI, NOW);
		assertThat(claims.get("https://vimond/entitlements").toString()).isEqualTo(
				"[{svod=2, quality=hd, streamcount=3}, {svod=3, quality=hd, streamcount=1}, "
						+ "{svod=1, quality=sd, streamcount=1}, {svod=5, quality=premium, streamcount=9}, {svod=6}, "
						+ "{tvod={a=[9]}, quality=4k, streamcount=4}]");
		assertThat(claims).doesNotContainKeys("https://vimond/devicerule", "https://vimond/geoblock",
				"https://vimond/has_more_tvod");
	}

	@Test
	void providersWithoutUriClaimNamesGetTheVimondPrefix() {
		var options = new VimondClaims.Options(false, false, 6000);
		Map<String, Object> claims = VimondClaims.build(List.of(svod("54", "hd", 1, null)), new VimondClaims.Flags(true, true),
				options, NOW);
		assertThat(claims).containsKeys("vimond_entitlements", "vimond_devicerule", "vimond_geoblock");
	}

	@Test
	void theLegacyFormCarriesTheBestSvodEntitlementInSeparateClaims() {
		var legacy = new VimondClaims.Options(true, true, 6000);
		Map<String, Object> claims = VimondClaims.build(List.of(svod("456", "hd", 2, null), svod("54", "4k", 5, null),
				svod("77", "4k", 5, null), asset("1", null, null, 1)), new VimondClaims.Flags(true, false), legacy, NOW);
		assertThat(claims).isEqualTo(Map.of("https://vimond/svod", "54,77", "https://vimond/quality", "4k",
				"https://vimond/streamcount", "5", "https://vimond/devicerule", "*"));
	}

	@Test
	void twoThousandRentalsFitTheBudgetNewestFirstWithHasMoreTvod() {
		List<VimondEntitlement> rentals = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			rentals.add(asset(String.valueOf(100000 + i), "hd", 1, 2000 - i)); // higher id = more recent
		}
		rentals.add(svod("54", "4k", 5, null));
		var options = new VimondClaims.Options(true, false, 5000);
		Map<String, Object> claims = VimondClaims.build(rentals, new VimondClaims.Flags(false, false), options, NOW);

		assertThat(VimondClaims.size(claims)).isLessThanOrEqualTo(5000);
		assertThat(claims).containsEntry("https://vimond/has_more_tvod", true);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> list = (List<Map<String, Object>>) claims.get("https://vimond/entitlements");
		assertThat(list.get(0)).containsEntry("svod", "54");
		@SuppressWarnings("unchecked")
		List<Object> kept = (List<Object>) ((Map<String, Object>) list.get(1).get("tvod")).get("a");
		assertThat(kept).hasSizeBetween(300, 1999).startsWith(101999L, 101998L);
		assertThat(kept).doesNotContain(100000L);
		// one more id would not have fitted
		assertThat(kept.size()).isGreaterThan(0);
	}

	@Test
	void noEntitlementsMeansNoClaim() {
		assertThat(VimondClaims.build(List.of(), new VimondClaims.Flags(false, false), URI, NOW)).isEmpty();
	}
}
