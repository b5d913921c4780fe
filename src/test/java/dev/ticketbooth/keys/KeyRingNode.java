package dev.ticketbooth.keys;

import java.time.Clock;

import dev.ticketbooth.TestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key ring and rotation of one server node, built on its own connections to a shared test
 * database, exactly as {@code KeysConfig} wires them.
 */
record KeyRingNode(KeyRing ring, KeyRotation rotation, KeyRepository repository, JdbcClient jdbc) {

	static KeyRingNode open(TestDatabase db, KeyEncryptionKey kek, KeyProperties properties, Clock clock) {
		var dataSource = db.dataSource();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		KeyRepository repository = new KeyRepository(jdbc);
		KeyRing ring = new KeyRing(repository, new KeyMaterial(kek));
		ring.open(kek, clock);
		KeyRotation rotation = new KeyRotation(repository, new KeyMaterial(kek), ring, properties,
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), clock, event -> {
				}, "test");
		rotation.bootstrap();
		return new KeyRingNode(ring, rotation, repository, jdbc);
	}

	long count(String set, KeyState state) {
		return jdbc.sql("SELECT COUNT(*) FROM signing_keys WHERE key_set = ? AND state = ?").params(set, state.name())
			.query(Long.class).single();
	}
}
