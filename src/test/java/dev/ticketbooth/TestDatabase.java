package dev.ticketbooth;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh, migrated database for one test: H2 in memory, or a new PostgreSQL database on the
 * development machine's server (127.0.0.1:5432, trust auth), dropped on close. Both run the
 * project's real Flyway migrations.
 */
public final class TestDatabase implements AutoCloseable {

	public static final String POSTGRES_HOST = System.getProperty("ticketbooth.test.postgres", "127.0.0.1:5432");

	private final String name;

	private final String url;

	private final String user;

	private final Runnable drop;

	private TestDatabase(String name, String url, String user, Runnable drop) {
		this.name = name;
		this.url = url;
		this.user = user;
		this.drop = drop;
	}

	/** For {@code @MethodSource("dev.ticketbooth.TestDatabase#all")}: each test on H2 and on PostgreSQL. */
	public static java.util.stream.Stream<org.junit.jupiter.api.Named<java.util.function.Supplier<TestDatabase>>> all() {
		return java.util.stream.Stream.of(org.junit.jupiter.api.Named.of("H2", TestDatabase::h2),
				org.junit.jupiter.api.Named.of("PostgreSQL", TestDatabase::postgres));
	}

	public static TestDatabase h2() {
		TestDatabase db = h2Unmigrated();
		db.migrate();
		return db;
	}

	/** For migration tests: each on H2 and PostgreSQL, with no migration run yet. */
	public static java.util.stream.Stream<org.junit.jupiter.api.Named<java.util.function.Supplier<TestDatabase>>> allUnmigrated() {
		return java.util.stream.Stream.of(org.junit.jupiter.api.Named.of("H2", TestDatabase::h2Unmigrated),
				org.junit.jupiter.api.Named.of("PostgreSQL", TestDatabase::postgresUnmigrated));
	}

	public static TestDatabase h2Unmigrated() {
		String name = "tb_" + UUID.randomUUID().toString().replace("-", "");
		String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
		return new TestDatabase("H2", url, "sa", () -> execute(url, "sa", "SHUTDOWN"));
	}

	/** Runs the migrations up to and including {@code version} only. */
	public void migrateTo(String version) {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target(version).load().migrate();
	}

	/** Skips the calling test (with the reason) when no PostgreSQL server answers. */
	public static TestDatabase postgres() {
		TestDatabase db = postgresUnmigrated();
		db.migrate();
		return db;
	}

	/** An empty PostgreSQL database, for a server that runs the migrations itself. */
	public static TestDatabase postgresUnmigrated() {
		String admin = "jdbc:postgresql://" + POSTGRES_HOST + "/postgres";
		String name = "tb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			if (Boolean.parseBoolean(System.getenv("TICKETBOOTH_REQUIRE_POSTGRES"))) {
				throw new IllegalStateException("PostgreSQL is required (TICKETBOOTH_REQUIRE_POSTGRES) but not reachable at "
						+ POSTGRES_HOST, ex);
			}
			Assumptions.abort("PostgreSQL is not reachable at " + POSTGRES_HOST + " (" + ex.getMessage()
					+ "); start it to run the PostgreSQL variant of this test");
		}
		TestDatabase db = new TestDatabase("PostgreSQL", "jdbc:postgresql://" + POSTGRES_HOST + "/" + name, "postgres", () -> {
			try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not drop test database " + name, ex);
			}
		});
		return db;
	}

	public void migrate() {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
	}

	/** A new pool-less data source: every call is a separate connection, like a separate node. */
	public DataSource dataSource() {
		return new DriverManagerDataSource(url, user, "");
	}

	public String url() {
		return url;
	}

	public String user() {
		return user;
	}

	public void execute(String sql) {
		execute(url, user, sql);
	}

	private static void execute(String url, String user, String sql) {
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		drop.run();
	}

	@Override
	public String toString() {
		return name;
	}
}
