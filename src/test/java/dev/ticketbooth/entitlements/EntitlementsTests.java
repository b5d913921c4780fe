package dev.ticketbooth.entitlements;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TestDatabase;
import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.catalog.CollectionKind;
import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "May user U watch video V at T", on H2 and PostgreSQL. */
class EntitlementsTests {

	private final MutableClock clock = MutableClock.startingNow();

	record World(EndUsers users, Catalog catalog, Grants grants, Entitlements entitlements, TransactionTemplate tx) {
	}

	@SuppressWarnings("deprecation")
	private World world(TestDatabase db) {
		JdbcClient jdbc = JdbcClient.create(db.dataSource());
		EndUsers users = new EndUsers(jdbc, NoOpPasswordEncoder.getInstance(), clock, event -> {
		});
		Catalog catalog = new Catalog(jdbc, clock, event -> {
		});
		TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
		World world = new World(users, catalog, new Grants(jdbc, users, catalog, clock, event -> {
		}, tx), new Entitlements(users, catalog, jdbc, event -> {
		}), tx);
		catalog.createVideo("vid-java-1", "Java 1");
		catalog.createVideo("vid-java-2", "Java 2");
		catalog.createVideo("vid-premium-1", "Premium");
		catalog.createVideo("vid-s1e1", "S1E1");
		catalog.createCollection("course-java", CollectionKind.COURSE, "Java", null, null);
		catalog.createCollection("premium", CollectionKind.PACKAGE, "Premium", "vimond-pkg-7", null);
		catalog.createCollection("show", CollectionKind.SERIES, "Show", null, null);
		catalog.createCollection("show-s1", CollectionKind.SEASON, "Season 1", null, "show");
		catalog.addVideos("course-java", List.of("vid-java-1", "vid-java-2"));
		catalog.addVideos("premium", List.of("vid-premium-1"));
		catalog.addVideos("show-s1", List.of("vid-s1e1"));
		users.create("alice", "password", true, false);
		return world;
	}

	private static GrantRequest grant(String user, String collection, String video, String kind, String from, String until) {
		return new GrantRequest(user, collection, video, kind, null, null, from, until, null);
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void aSubscriptionToACollectionCoversItsVideosOnly(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			World w = world(db);
			Instant now = clock.instant();
			assertThat(w.entitlements().mayWatch("alice", "vid-java-1", now).reason()).isEqualTo(Access.NOT_ENTITLED);

			Grant grant = w.grants().save(grant("alice", "course-java", null, "subscription", null, null));
			Access access = w.entitlements().mayWatch("alice", "vid-java-2", now);
			assertThat(access.allowed()).isTrue();
			assertThat(access.reason()).isEqualTo(Access.ENTITLED);
			assertThat(access.grantId()).isEqualTo(grant.id());
			assertThat(w.entitlements().mayWatch("alice", "vid-premium-1", now))
				.extracting(Access::allowed, Access::reason).containsExactly(false, Access.NOT_ENTITLED);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void anExplanationGivesTheSameAnswerWithEveryCheckTheCollectionsAndWhatAllowsIt(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			World w = world(db);
			Instant now = clock.instant();
			w.catalog().setRoles("show", List.of("vip"));
			Explanation denied = w.entitlements().explain("alice", "vid-s1e1", now);
			assertThat(denied.access().reason()).isEqualTo(Access.NOT_ENTITLED);
			assertThat(denied.holding()).containsExactly("show-s1", "show");
			assertThat(denied.wouldAllow()).anyMatch(a -> a.contains("[show-s1, show]")).contains("role vip (carried by show)");
			assertThat(denied.checks()).extracting(Check::reason, Check::outcome).containsExactly(
					org.assertj.core.groups.Tuple.tuple(Access.UNKNOWN_USER, Check.Outcome.PASS),
					org.assertj.core.groups.Tuple.tuple(Access.USER_DISABLED, Check.Outcome.PASS),
					org.assertj.core.groups.Tuple.tuple(Access.UNKNOWN_VIDEO, Check.Outcome.PASS),
					org.assertj.core.groups.Tuple.tuple(Access.NOT_ENTITLED, Check.Outcome.FAIL));
			assertThat(denied.firstFailure().reason()).isEqualTo(Access.NOT_ENTITLED);

			w.entitlements().setRoles("alice", List.of("vip"));
			Explanation byRole = w.entitlements().explain("alice", "vid-s1e1", now);
			assertThat(byRole.access().reason()).isEqualTo(Access.ROLE);
			assertThat(byRole.allowedBy()).isEqualTo("role vip (carried by show)");
			assertThat(byRole.firstFailure()).isNull();

			Grant grant = w.grants().save(grant("alice", "course-java", null, "subscription", null,
					now.plus(Duration.ofDays(3)).toString()));
			assertThat(w.entitlements().explain("alice", "vid-java-1", now).allowedBy())
				.startsWith("grant " + grant.id() + " (subscription of collection course-java, until ");
			Explanation expired = w.entitlements().explain("alice", "vid-java-1", now.plus(Duration.ofDays(4)));
			assertThat(expired.firstFailure().reason()).isEqualTo(Access.GRANT_EXPIRED);
			assertThat(expired.access().reason()).isEqualTo(Access.GRANT_EXPIRED);

			assertThat(w.entitlements().explain("alice", "no-such-video", now).firstFailure().reason())
				.isEqualTo(Access.UNKNOWN_VIDEO);
			assertThat(w.entitlements().explain("nobody", "vid-java-1", now).firstFailure().reason())
				.isEqualTo(Access.UNKNOWN_USER);
			w.users().update("alice", null, false);
			Explanation disabled = w.entitlements().explain("alice", "vid-java-1", now);
			assertThat(disabled.firstFailure().reason()).isEqualTo(Access.USER_DISABLED);
			assertThat(disabled.checks().get(3).outcome()).isEqualTo(Check.Outcome.NOT_RUN);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void anEditedGrantKeepsItsIdAndUserAndAnImportedCsvIsAllOrNothing(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			World w = world(db);
			Grant grant = w.grants().save(grant("alice", "course-java", null, "subscription", null, null));
			Grant edited = w.grants().update(grant.id(), new GrantRequest("alice", null, "vid-premium-1", "rental", "hd", 2, null,
					"2099-01-01T00:00:00Z", "ref-1"));
			assertThat(w.grants().get(grant.id())).isEqualTo(edited);
			assertThat(edited.videoId()).isEqualTo("vid-premium-1");
			assertThat(edited.createdAt()).isEqualTo(grant.createdAt());
			w.users().create("bob", "password", true, false);
			assertThatThrownBy(() -> w.grants().update(grant.id(), grant("bob", "course-java", null, "trial", null, null)))
				.isInstanceOfSatisfying(ApiProblemException.class, ex -> assertThat(ex.code()).isEqualTo("invalid-grant"));

			assertThatThrownBy(() -> w.tx().execute(status -> w.grants().importCsv("user,collection,kind\nbob,course-java,trial\n"
					+ "bob,nothing,trial\n")))
				.isInstanceOfSatisfying(ApiProblemException.class, ex -> assertThat(ex.code()).isEqualTo("invalid-grants"));
			assertThat(w.grants().forUser(w.users().get("bob").id())).isEmpty();
			assertThat(w.grants().importCsv("user,collection,kind\nbob,course-java,trial\n")).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void aGrantWorksFromValidFromAndStopsAtValidUntil(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			World w = world(db);
			Instant from = clock.instant().plus(Duration.ofHours(1));
			Instant until = from.plus(Duration.ofDays(2));
			w.grants().save(grant("alice", null, "vid-premium-1", "rental", from.toString(), until.toString()));

			assertThat(w.entitlements().mayWatch("alice", "vid-premium-1", from.minusSeconds(1)).reason())
				.isEqualTo(Access.GRANT_NOT_YET_VALID);
			assertThat(w.entitlements().mayWatch("alice", "vid-premium-1", from).allowed()).isTrue();
			assertThat(w.entitlements().mayWatch("alice", "vid-premium-1", until.minusMillis(1)).allowed()).isTrue();
			assertThat(w.entitlements().mayWatch("alice", "vid-premium-1", until))
				.extracting(Access::allowed, Access::reason).containsExactly(false, Access.GRANT_EXPIRED);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void aSeriesGrantCoversTheVideosOfItsSeasons(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			World w = world(db);
			w.grants().save(grant("alice", "show", null, "purchase", null, null));
			assertThat(w.entitlements().mayWatch("alice", "vid-s1e1", clock.instant()).allowed()).isTrue();
			assertThat(w.entitlements().mayWatch("alice", "vid-java-1", clock.instant()).allowed()).isFalse();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void aRoleSharedWithACollectionAllowsCorporateAccess(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			World w = world(db);
			w.catalog().setRoles("course-java", List.of("employees"));
			assertThat(w.entitlements().mayWatch("alice", "vid-java-1", clock.instant()).allowed()).isFalse();

			w.entitlements().setRoles("alice", List.of("employees", "partners"));
			assertThat(w.entitlements().mayWatch("alice", "vid-java-1", clock.instant()))
				.extracting(Access::allowed, Access::reason).containsExactly(true, Access.ROLE);
			assertThat(w.entitlements().mayWatch("alice", "vid-premium-1", clock.instant()).allowed()).isFalse();

			w.entitlements().setRoles("alice", List.of());
			assertThat(w.entitlements().mayWatch("alice", "vid-java-1", clock.instant()).allowed()).isFalse();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void unknownUsersAndVideosAndDisabledUsersAreDeniedWithTheirReason(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			World w = world(db);
			w.grants().save(grant("alice", "course-java", null, "subscription", null, null));
			Instant now = clock.instant();
			assertThat(w.entitlements().mayWatch("nobody", "vid-java-1", now).reason()).isEqualTo(Access.UNKNOWN_USER);
			assertThat(w.entitlements().mayWatch("alice", "no-such-video", now).reason()).isEqualTo(Access.UNKNOWN_VIDEO);
			EndUser alice = w.users().update("alice", null, false);
			assertThat(w.entitlements().mayWatch("alice", "vid-java-1", now).reason()).isEqualTo(Access.USER_DISABLED);
			assertThat(w.entitlements().mayWatchSomething(alice, now).reason()).isEqualTo(Access.USER_DISABLED);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void aBulkImportIsAllOrNothingAndReimportingUpdatesByExternalRef(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			World w = world(db);
			String csv = """
					user,collection,video,kind,valid_until,external_ref,quality,stream_count
					alice,course-java,,subscription,2099-01-01T00:00:00Z,lms-1,hd,2
					alice,,vid-premium-1,rental,"2099-01-02T00:00:00+01:00",lms-2,,
					""";
			Integer imported = w.tx().execute(s -> w.grants().importCsv(csv));
			assertThat(imported).isEqualTo(2);
			String alice = w.users().get("alice").id();
			assertThat(w.grants().forUser(alice)).hasSize(2).anySatisfy(g -> {
				assertThat(g.quality()).isEqualTo("hd");
				assertThat(g.streamCount()).isEqualTo(2);
			});

			String again = csv.replace("2099-01-01T00:00:00Z", "2000-01-01T00:00:00Z");
			w.tx().execute(s -> w.grants().importCsv(again));
			assertThat(w.grants().forUser(alice)).as("updated, not added").hasSize(2);
			assertThat(w.entitlements().mayWatch("alice", "vid-java-1", clock.instant()).reason())
				.isEqualTo(Access.GRANT_EXPIRED);

			// errors name the file's lines: the header is line 1, blank lines count, a quoted field may span two
			String bad = """
					user,collection,video,kind,external_ref
					alice,course-java,,subscription,

					nobody,course-java,,subscription,
					alice,course-java,,subscription,"two
					lines"
					alice,premium,vid-java-1,purchase,
					alice,premium,,lifetime,
					""";
			assertThatThrownBy(() -> w.tx().execute(s -> w.grants().importCsv(bad)))
				.isInstanceOfSatisfying(ApiProblemException.class, ex -> {
					assertThat(ex.code()).isEqualTo("invalid-grants");
					assertThat(ex.properties().get("errors")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
						.extracting(e -> ((java.util.Map<?, ?>) e).get("line") + " " + ((java.util.Map<?, ?>) e).get("code"))
						.containsExactly("4 unknown-user", "5 invalid-external-ref", "7 invalid-grant-target",
								"8 invalid-grant-kind");
				});
			assertThat(w.grants().forUser(alice)).as("nothing imported").hasSize(2);
		}
	}
}
