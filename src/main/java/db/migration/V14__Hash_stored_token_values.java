package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import dev.ticketbooth.oidc.TokenHashes;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Codes and tokens stored before hashing become their hashes in place, so live refresh tokens and
 * codes keep working after the upgrade while the clear values leave the database. Flyway looks
 * for Java migrations in this package, beside the SQL ones.
 */
public class V14__Hash_stored_token_values extends BaseJavaMigration {

	private static final List<String> COLUMNS = List.of("authorization_code_value", "access_token_value",
			"oidc_id_token_value", "refresh_token_value", "user_code_value", "device_code_value");

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		for (String column : COLUMNS) {
			try (Statement select = connection.createStatement();
					ResultSet rows = select.executeQuery("SELECT id, " + column + " FROM oauth2_authorization WHERE " + column
							+ " IS NOT NULL");
					PreparedStatement update = connection
						.prepareStatement("UPDATE oauth2_authorization SET " + column + " = ? WHERE id = ?")) {
				while (rows.next()) {
					String value = rows.getString(2);
					if (!TokenHashes.isHash(value)) {
						update.setString(1, TokenHashes.hash(value));
						update.setString(2, rows.getString(1));
						update.addBatch();
					}
				}
				update.executeBatch();
			}
		}
	}
}
