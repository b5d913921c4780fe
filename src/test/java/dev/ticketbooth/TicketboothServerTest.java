package dev.ticketbooth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole server on a random port, with its real embedded default (an H2 file database) in a
 * fresh temporary home, a clock tests can move, and the schedules off so tests drive rotation.
 * Test classes with this annotation share one running server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ticketbooth.admin-password=" + TicketboothServerTest.ADMIN_PASSWORD,
				"ticketbooth.scheduling.enabled=false" })
@ContextConfiguration(initializers = TemporaryHome.class)
@Import(TestClockConfig.class)
public @interface TicketboothServerTest {

	String ADMIN_PASSWORD = "test-admin-password";
}
