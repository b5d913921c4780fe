package dev.ticketbooth.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TestDatabase;
import dev.ticketbooth.config.ApiProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key lifecycle on a real database, H2 and PostgreSQL, without a web server. */
class KeyRotationTests {

	private final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64(), "test");

	private final KeyProperties properties = KeyProperties.defaults();

	private final MutableClock clock = MutableClock.startingNow();

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void firstStartPublishesAnActiveAndANextKey(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			KeyRingNode node = KeyRingNode.open(db, kek, properties, clock);
			RingKey active = node.ring().active(KeySet.DEFAULT, KeyAlgorithm.RS256);
			List<RingKey> next = node.ring().keys().stream().filter(k -> k.state() == KeyState.NEXT).toList();
			assertThat(next).hasSize(1);
			assertThat(next.get(0).kid()).isNotEqualTo(active.kid());
			assertThat(node.ring().jwks(KeySet.DEFAULT).contains(active.kid())).isTrue();
			assertThat(node.ring().jwks(KeySet.DEFAULT).contains(next.get(0).kid())).isTrue();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void rotationRefusesANextKeyYoungerThanTheLeadTimeUnlessForced(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			KeyRingNode node = KeyRingNode.open(db, kek, properties, clock);
			String active = node.ring().active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid();
			clock.advance(Duration.ofHours(23));

			assertThatThrownBy(() -> node.rotation().rotate(KeySet.DEFAULT, null, false))
				.isInstanceOfSatisfying(ApiProblemException.class, ex -> {
					assertThat(ex.code()).isEqualTo("next-key-too-young");
					assertThat(ex.properties()).containsKey("promotable_at");
				});
			assertThat(node.ring().active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid()).isEqualTo(active);

			RotationResult forced = node.rotation().rotate(KeySet.DEFAULT, null, true).get(0);
			assertThat(forced.outcome()).isEqualTo(RotationResult.Outcome.PROMOTED);
			assertThat(forced.retiredKid()).isEqualTo(active);
			assertThat(node.ring().find(active).orElseThrow().state()).isEqualTo(KeyState.RETIRED);
			assertThat(node.ring().active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid()).isEqualTo(forced.activeKid());
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void theScheduleRotatesAfterTheRotationPeriodAndRemovesRetiredKeysAfterRetention(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			KeyRingNode node = KeyRingNode.open(db, kek, properties, clock);
			String first = node.ring().active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid();

			clock.advance(properties.rotationPeriod().minusMinutes(1));
			assertThat(node.rotation().maintain()).extracting(RotationResult::outcome)
				.containsOnly(RotationResult.Outcome.UNCHANGED);

			clock.advance(Duration.ofMinutes(1));
			assertThat(node.rotation().maintain()).extracting(RotationResult::outcome)
				.containsExactly(RotationResult.Outcome.PROMOTED);
			assertThat(node.ring().find(first).orElseThrow().state()).isEqualTo(KeyState.RETIRED);
			assertThat(node.ring().jwks(KeySet.DEFAULT).contains(first)).isTrue();

			clock.advance(properties.retention().minusSeconds(1));
			node.rotation().maintain();
			assertThat(node.ring().jwks(KeySet.DEFAULT).contains(first)).as("published until retention ends").isTrue();

			clock.advance(Duration.ofSeconds(1));
			node.rotation().maintain();
			assertThat(node.ring().jwks(KeySet.DEFAULT).contains(first)).isFalse();
			assertThat(node.repository().findByKid(first)).isEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void anUnpublishedSetIsOnlyRotatedByAnOperator(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			KeyRingNode node = KeyRingNode.open(db, kek, properties, clock);
			node.rotation().createSet("vidbeo", List.of(KeyAlgorithm.RS256), false);
			String uploaded = node.ring().active("vidbeo", KeyAlgorithm.RS256).kid();

			clock.advance(properties.rotationPeriod().plusDays(1));
			node.rotation().maintain();

			assertThat(node.ring().active("vidbeo", KeyAlgorithm.RS256).kid()).isEqualTo(uploaded);
			assertThat(node.ring().active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid()).isNotEqualTo(uploaded);
			assertThat(node.ring().jwks(KeySet.DEFAULT).contains(uploaded)).isFalse();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void aSetWithVendorKeyIdsWaitsForTheNextKeysPartnerKeyIdUnlessForced(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			KeyRingNode node = KeyRingNode.open(db, kek, properties, clock);
			node.rotation().createSet("vendor", List.of(KeyAlgorithm.RS256), true);
			assertThat(node.rotation().requireVendorKeyIds("vendor").vendorKeyIds()).isTrue();
			assertThat(node.rotation().requireVendorKeyIds("vendor").vendorKeyIds()).as("asking again changes nothing")
				.isTrue();
			String active = node.ring().active("vendor", KeyAlgorithm.RS256).kid();
			String next = nextKid(node, "vendor");

			clock.advance(properties.rotationPeriod().plusDays(1));
			assertThat(node.rotation().maintain()).extracting(RotationResult::outcome)
				.containsExactly(RotationResult.Outcome.PROMOTED, RotationResult.Outcome.UNCHANGED);
			assertThat(node.ring().active("vendor", KeyAlgorithm.RS256).kid()).as("the schedule never forces")
				.isEqualTo(active);
			var health = new KeyRingHealthIndicator(node.ring(), node.rotation(), properties, clock).health();
			assertThat(health.getStatus().getCode()).isEqualTo("UP");
			assertThat(String.valueOf(health.getDetails().get("waiting"))).contains("vendor/RS256", next);
			assertThatThrownBy(() -> node.rotation().rotate("vendor", null, false))
				.isInstanceOfSatisfying(ApiProblemException.class, ex -> {
					assertThat(ex.code()).isEqualTo("partner-key-id-missing");
					assertThat(ex.properties()).containsEntry("kid", next).containsEntry("set", "vendor");
				});
			assertThat(node.ring().active("vendor", KeyAlgorithm.RS256).kid()).isEqualTo(active);

			node.rotation().setPartnerKeyId(next, "vendor-key-2");
			node.rotation().maintain();
			assertThat(node.ring().active("vendor", KeyAlgorithm.RS256).kid()).isEqualTo(next);
			assertThat(node.ring().active("vendor", KeyAlgorithm.RS256).partnerKeyId()).isEqualTo("vendor-key-2");

			String third = nextKid(node, "vendor");
			clock.advance(properties.prepublish());
			assertThatThrownBy(() -> node.rotation().rotate("vendor", KeyAlgorithm.RS256, false))
				.isInstanceOfSatisfying(ApiProblemException.class,
						ex -> assertThat(ex.code()).isEqualTo("partner-key-id-missing"));
			assertThat(node.rotation().rotate("vendor", null, true).get(0).activeKid()).isEqualTo(third);
			assertThat(node.rotation().sets()).filteredOn(set -> set.name().equals(KeySet.DEFAULT))
				.extracting(KeySet::vendorKeyIds).containsExactly(false);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#allUnmigrated")
	void theUpgradeMarksTheSetsOfExistingVidbeoPartners(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			db.migrateTo("17");
			var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(db.dataSource());
			for (String set : List.of("vb", "amg", "unused")) {
				jdbc.sql("INSERT INTO key_sets (name, algorithms, published, created_at) VALUES (?, 'RS256', false, "
						+ "CURRENT_TIMESTAMP)").param(set).update();
			}
			for (String[] partner : new String[][] { { "vb-1", "VIDBEO", "vb" }, { "amg-1", "STREAMAMG", "amg" } }) {
				jdbc.sql("INSERT INTO partners (id, profile, key_set, issuer, default_lifetime_seconds, max_lifetime_seconds, "
						+ "claim_names, url_templates, library_tokens, created_at) VALUES (?, ?, ?, 'https://tb', 60, 60, '{}', "
						+ "'{}', false, CURRENT_TIMESTAMP)").params((Object[]) partner).update();
			}

			db.migrate();

			assertThat(new KeyRepository(jdbc).findSets()).extracting(KeySet::name, KeySet::vendorKeyIds)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("amg", false),
						org.assertj.core.groups.Tuple.tuple("unused", false), org.assertj.core.groups.Tuple.tuple("vb", true));
		}
	}

	private static String nextKid(KeyRingNode node, String set) {
		return node.ring().keys().stream().filter(k -> k.keySet().equals(set) && k.state() == KeyState.NEXT).findFirst()
			.orElseThrow().kid();
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void revokingTheActiveKeyWithdrawsItAtOnceAndPromotesTheNextKey(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			KeyRingNode node = KeyRingNode.open(db, kek, properties, clock);
			String active = node.ring().active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid();
			String next = node.ring().keys().stream().filter(k -> k.state() == KeyState.NEXT).findFirst().orElseThrow().kid();

			node.rotation().revoke(active);

			assertThat(node.ring().jwks(KeySet.DEFAULT).contains(active)).isFalse();
			assertThat(node.ring().trusted(active)).isEmpty();
			assertThat(node.ring().active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid()).isEqualTo(next);
			assertThat(node.count(KeySet.DEFAULT, KeyState.NEXT)).isEqualTo(1);
			assertThat(node.repository().findByKid(active).orElseThrow().privateKeyCiphertext())
				.as("a revoked key's private half is erased").isNull();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void aCrashHalfwayThroughAPromotionLeavesTheSetAsItWas(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			KeyRingNode node = KeyRingNode.open(db, kek, properties, clock);
			String active = node.ring().active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid();
			node.rotation().afterRetire = () -> {
				throw new IllegalStateException("simulated crash after retiring the ACTIVE key");
			};

			assertThatThrownBy(() -> node.rotation().rotate(KeySet.DEFAULT, null, true))
				.hasMessageContaining("simulated crash");

			assertThat(node.count(KeySet.DEFAULT, KeyState.ACTIVE)).isEqualTo(1);
			assertThat(node.repository().findByKid(active).orElseThrow().state()).isEqualTo(KeyState.ACTIVE);
			assertThat(node.count(KeySet.DEFAULT, KeyState.RETIRED)).isZero();
			node.ring().reload();
			assertThat(node.ring().active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid()).isEqualTo(active);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void twoNodesRunningTheScheduleAtOncePromoteExactlyOnce(Supplier<TestDatabase> database) throws Exception {
		try (TestDatabase db = database.get()) {
			KeyRingNode first = KeyRingNode.open(db, kek, properties, clock);
			KeyRingNode second = KeyRingNode.open(db, kek, properties, clock);
			for (int round = 0; round < 3; round++) {
				clock.advance(properties.rotationPeriod());
				List<RotationResult> results = concurrently(() -> first.rotation().maintain(),
						() -> second.rotation().maintain());
				assertThat(results).filteredOn(r -> r.outcome() == RotationResult.Outcome.PROMOTED).hasSize(1);
				assertThat(first.count(KeySet.DEFAULT, KeyState.ACTIVE)).isEqualTo(1);
				assertThat(first.count(KeySet.DEFAULT, KeyState.NEXT)).isEqualTo(1);
			}
			assertThat(first.count(KeySet.DEFAULT, KeyState.RETIRED)).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void twoOperatorsRotatingAtOncePromoteExactlyOnce(Supplier<TestDatabase> database) throws Exception {
		try (TestDatabase db = database.get()) {
			KeyRingNode first = KeyRingNode.open(db, kek, properties, clock);
			KeyRingNode second = KeyRingNode.open(db, kek, properties, clock);
			clock.advance(properties.prepublish());
			List<Object> outcomes = new ArrayList<>();
			for (Future<Object> future : submitBoth(() -> attempt(first), () -> attempt(second))) {
				outcomes.add(future.get());
			}
			assertThat(outcomes).filteredOn(o -> o == RotationResult.Outcome.PROMOTED).hasSize(1);
			assertThat(outcomes).filteredOn("next-key-too-young"::equals).hasSize(1);
			assertThat(first.count(KeySet.DEFAULT, KeyState.RETIRED)).isEqualTo(1);
			assertThat(first.count(KeySet.DEFAULT, KeyState.ACTIVE)).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void importedKeysJoinAsNextAndARevokedKeyIsNeverTrustedAgain(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			KeyRingNode node = KeyRingNode.open(db, kek, properties, clock);
			var pair = KeyAlgorithm.RS256.newKeyPair();
			RingKey imported = node.rotation().importKey(pair, KeySet.DEFAULT, "vidbeo-key-7", false);
			assertThat(imported.state()).isEqualTo(KeyState.NEXT);
			assertThat(imported.origin()).isEqualTo(KeyOrigin.IMPORTED);
			assertThat(imported.partnerKeyId()).isEqualTo("vidbeo-key-7");
			assertThat(node.count(KeySet.DEFAULT, KeyState.NEXT)).isEqualTo(1);

			assertThatThrownBy(() -> node.rotation().importKey(pair, KeySet.DEFAULT, null, false))
				.isInstanceOfSatisfying(ApiProblemException.class, ex -> assertThat(ex.code()).isEqualTo("key-exists"));
			node.rotation().revoke(imported.kid());
			assertThatThrownBy(() -> node.rotation().importKey(pair, KeySet.DEFAULT, null, false))
				.isInstanceOfSatisfying(ApiProblemException.class, ex -> assertThat(ex.code()).isEqualTo("key-revoked"));
			assertThatThrownBy(() -> node.rotation().importKey(KeyAlgorithm.ES256.newKeyPair(), KeySet.DEFAULT, null, false))
				.isInstanceOfSatisfying(ApiProblemException.class,
						ex -> assertThat(ex.code()).isEqualTo("algorithm-not-in-set"));
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void setsHoldEs256AndEdDsaKeys(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			KeyRingNode node = KeyRingNode.open(db, kek, properties, clock);
			node.rotation().createSet("modern", List.of(KeyAlgorithm.ES256, KeyAlgorithm.EdDSA), true);
			assertThat(node.ring().jwks("modern").jwkSet().getKeys()).extracting(k -> k.getKeyType().getValue())
				.containsExactlyInAnyOrder("EC", "EC", "OKP", "OKP");
			assertThat(node.ring().active("modern", KeyAlgorithm.EdDSA).privateKey().getAlgorithm()).isIn("EdDSA", "Ed25519");

			KeyRingNode restarted = KeyRingNode.open(db, kek, properties, clock);
			assertThat(restarted.ring().active("modern", KeyAlgorithm.ES256).kid())
				.isEqualTo(node.ring().active("modern", KeyAlgorithm.ES256).kid());
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void es384KeysArePublishedOnP384AndSignNinetySixByteJoseSignatures(Supplier<TestDatabase> database) throws Exception {
		try (TestDatabase db = database.get()) {
			KeyRingNode node = KeyRingNode.open(db, kek, properties, clock);
			node.rotation().createSet("ivs", List.of(KeyAlgorithm.ES384), true);
			RingKey active = node.ring().active("ivs", KeyAlgorithm.ES384);
			ECKey jwk = node.ring().publishedJwks().jwkSet().getKeyByKeyId(active.kid()).toECKey();
			assertThat(jwk.getCurve()).isEqualTo(Curve.P_384);
			assertThat(jwk.getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
			assertThat(active.kid()).as("RFC 7638 thumbprint").isEqualTo(thumbprint(jwk));

			SignedJWT token = SignedJWT.parse(JwsSigner.sign(active, active.kid(), Map.of("sub", "viewer")));
			assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
			assertThat(token.getSignature().decode()).as("R || S").hasSize(96);
			assertThat(token.verify(new ECDSAVerifier(jwk))).isTrue();

			// stored encrypted like every other key: a restarted node decrypts it and signs with it
			RingKey reopened = KeyRingNode.open(db, kek, properties, clock).ring().active("ivs", KeyAlgorithm.ES384);
			assertThat(reopened.kid()).isEqualTo(active.kid());
			assertThat(SignedJWT.parse(JwsSigner.sign(reopened, reopened.kid(), Map.of("sub", "viewer")))
				.verify(new ECDSAVerifier(jwk))).isTrue();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void theJwksHoldsEveryPublishedSetEachUnderItsOwnLeadTimeAndRetention(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			KeyRingNode node = KeyRingNode.open(db, kek, properties, clock);
			assertThat(node.ring().publishedJwks().json()).as("only the default set: the same document as before")
				.isEqualTo(node.ring().jwks(KeySet.DEFAULT).json());
			node.rotation().createSet("cdn", List.of(KeyAlgorithm.ES256), true);
			node.rotation().createSet("by-hand", List.of(KeyAlgorithm.RS256), false);
			String active = node.ring().active("cdn", KeyAlgorithm.ES256).kid();
			String next = next(node, "cdn");
			List<String> defaults = node.ring().jwks(KeySet.DEFAULT).jwkSet().getKeys().stream().map(JWK::getKeyID).toList();

			List<String> published = kids(node.ring().publishedJwks());
			assertThat(published).as("the default set first").startsWith(defaults.toArray(String[]::new))
				.contains(active, next).hasSize(defaults.size() + 2);
			assertThat(published).doesNotContain(node.ring().active("by-hand", KeyAlgorithm.RS256).kid(), next(node, "by-hand"));

			clock.advance(properties.rotationPeriod());
			node.rotation().maintain();
			assertThat(node.ring().active("cdn", KeyAlgorithm.ES256).kid()).isEqualTo(next);
			String newNext = next(node, "cdn");
			assertThat(kids(node.ring().publishedJwks())).as("a new NEXT key is published before it signs; "
					+ "the RETIRED key stays until retention ends").contains(newNext, next, active);

			clock.advance(properties.retention());
			node.rotation().maintain();
			assertThat(kids(node.ring().publishedJwks())).doesNotContain(active).contains(newNext, next);

			node.rotation().revoke(newNext);
			assertThat(kids(node.ring().publishedJwks())).as("revoked: out at once").doesNotContain(newNext);
		}
	}

	private static String next(KeyRingNode node, String set) {
		return node.ring().keys().stream().filter(k -> k.keySet().equals(set) && k.state() == KeyState.NEXT)
			.findFirst().orElseThrow().kid();
	}

	private static List<String> kids(PublishedJwks jwks) {
		return jwks.jwkSet().getKeys().stream().map(JWK::getKeyID).toList();
	}

	/** RFC 7638 §3.2 by hand: SHA-256 of the required members in lexicographic order, no whitespace. */
	private static String thumbprint(ECKey key) throws Exception {
		String members = "{\"crv\":\"" + key.getCurve().getName() + "\",\"kty\":\"EC\",\"x\":\"" + key.getX()
				+ "\",\"y\":\"" + key.getY() + "\"}";
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	private static Object attempt(KeyRingNode node) {
		try {
			return node.rotation().rotate(KeySet.DEFAULT, null, false).get(0).outcome();
		}
		catch (ApiProblemException ex) {
			return ex.code();
		}
	}

	private static List<RotationResult> concurrently(Callable<List<RotationResult>> a, Callable<List<RotationResult>> b)
			throws Exception {
		List<RotationResult> all = new ArrayList<>();
		for (Future<List<RotationResult>> future : submitBoth(a, b)) {
			all.addAll(future.get());
		}
		return all;
	}

	private static <T> List<Future<T>> submitBoth(Callable<T> a, Callable<T> b) {
		ExecutorService executor = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> task : List.of(a, b)) {
				futures.add(executor.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			return futures;
		}
		finally {
			executor.shutdown();
		}
	}
}
