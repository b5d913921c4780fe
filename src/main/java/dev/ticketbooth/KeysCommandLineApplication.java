package dev.ticketbooth;

import dev.ticketbooth.admin.AuditTrail;
import dev.ticketbooth.config.ClockConfig;
import dev.ticketbooth.config.TicketboothProperties;
import dev.ticketbooth.keys.KeyProperties;
import dev.ticketbooth.keys.KeysConfig;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What a {@code keys} command needs and nothing more: the database and its migrations, the key
 * ring and rotation, and the audit trail that records what the command changed. No web server,
 * security, OIDC, sessions or schedules, so a command starts in about a second rather than booting
 * the whole server. Deliberately no {@code @Configuration}: the server's component scan must not
 * pick it up; as the CLI's source class it is read as configuration all the same.
 */
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
		DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
		FlywayAutoConfiguration.class })
@EnableConfigurationProperties({ TicketboothProperties.class, KeyProperties.class })
@Import({ ClockConfig.class, KeysConfig.class, AuditTrail.class })
public class KeysCommandLineApplication {
}
