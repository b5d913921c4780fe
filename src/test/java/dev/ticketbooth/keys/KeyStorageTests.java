package dev.ticketbooth.keys;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Private key bytes never reach the database in any readable encoding. */
class KeyStorageTests {

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void noPrivateKeyAppearsUnencryptedInAnyTable(Supplier<TestDatabase> database) throws Exception {
		try (TestDatabase db = database.get()) {
			KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64(), "test");
			KeyRingNode node = KeyRingNode.open(db, kek, KeyProperties.defaults(), MutableClock.startingNow());
			node.rotation().createSet("all", List.of(KeyAlgorithm.ES256, KeyAlgorithm.ES384, KeyAlgorithm.EdDSA), false);
			node.rotation().importKey(KeyAlgorithm.RS256.newKeyPair(), KeySet.DEFAULT, null, false);
			List<RingKey> keys = node.ring().keys();
			assertThat(keys).hasSize(8).allSatisfy(k -> assertThat(k.privateKey()).isNotNull());

			String dump = dumpEveryTable(db);
			assertThat(dump).contains(keys.get(0).kid()); // the dump does see the key rows
			for (RingKey key : keys) {
				for (String encoding : encodingsOf(key)) {
					assertThat(dump).as("%s private material of %s", key.algorithm(), key.kid()).doesNotContain(encoding);
				}
			}
		}
	}

	/** The PKCS#8 bytes and the private scalar in base64, base64url, hex and decimal. */
	private static List<String> encodingsOf(RingKey key) {
		List<byte[]> secrets = new ArrayList<>();
		secrets.add(key.privateKey().getEncoded());
		BigInteger scalar = key.privateKey() instanceof RSAPrivateCrtKey rsa ? rsa.getPrivateExponent()
				: key.privateKey() instanceof ECPrivateKey ec ? ec.getS() : null;
		if (scalar != null) {
			secrets.add(scalar.toByteArray());
		}
		else {
			byte[] pkcs8 = key.privateKey().getEncoded();
			secrets.add(java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)); // the Ed25519 seed
		}
		List<String> out = new ArrayList<>();
		for (byte[] secret : secrets) {
			byte[] middle = java.util.Arrays.copyOfRange(secret, 1, Math.min(secret.length, 25)); // alignment-free probe
			out.add(Base64.getEncoder().encodeToString(secret));
			out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
			out.add(HexFormat.of().formatHex(middle));
			out.add(new String(middle, java.nio.charset.StandardCharsets.ISO_8859_1));
		}
		if (scalar != null) {
			out.add(scalar.toString());
		}
		return out;
	}

	private static String dumpEveryTable(TestDatabase db) throws Exception {
		StringBuilder dump = new StringBuilder();
		try (Connection connection = db.dataSource().getConnection()) {
			DatabaseMetaData meta = connection.getMetaData();
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = meta.getTables(null, null, "%", new String[] { "TABLE" })) {
				while (rs.next()) {
					String schema = rs.getString("TABLE_SCHEM");
					if (schema.equalsIgnoreCase("public")) {
						tables.add(rs.getString("TABLE_NAME"));
					}
				}
			}
			assertThat(tables).extracting(String::toLowerCase).contains("signing_keys", "key_encryption_check");
			for (String table : tables) {
				try (Statement statement = connection.createStatement();
						ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
					int columns = rs.getMetaData().getColumnCount();
					while (rs.next()) {
						for (int i = 1; i <= columns; i++) {
							int type = rs.getMetaData().getColumnType(i);
							boolean binary = type == java.sql.Types.BINARY || type == java.sql.Types.VARBINARY
									|| type == java.sql.Types.LONGVARBINARY || type == java.sql.Types.BLOB;
							byte[] bytes = binary ? rs.getBytes(i) : null;
							dump.append(binary ? "" : rs.getString(i)).append('|');
							if (bytes != null) {
								dump.append(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).append('|');
								dump.append(HexFormat.of().formatHex(bytes)).append('|');
							}
						}
					}
				}
			}
		}
		return dump.toString();
	}
}
