package dev.ticketbooth.sessions;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.users.EndUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Device limits through the running server: slots, removal by operators and by the web back end, the cooldown. */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceLimitTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	MutableClock clock;

	SessionScene scene;

	String partner;

	@BeforeAll
	void setUp() throws Exception {
		scene = new SessionScene(context);
		partner = scene.partner("dl", null, null, 2, null);
	}

	@Test
	void aNewDeviceBeyondTheLimitIsRefusedAndAKnownOneIsNot() throws Exception {
		EndUser user = scene.viewer("dl-limit", null);
		scene.started(scene.mint(partner, user), "tv-1");
		scene.started(scene.mint(partner, user), "phone-1");
		assertProblem(scene.start(scene.mint(partner, user), "laptop-1"), 403, "device-limit");
		scene.started(scene.mint(partner, user), "tv-1");
		assertProblem(scene.start(scene.mint(partner, user), null), 400, "missing-field");
	}

	@Test
	void aRemovedDevicesSlotIsFreeOnlyAfterTheCooldown() throws Exception {
		EndUser user = scene.viewer("dl-cooldown", null);
		scene.started(scene.mint(partner, user), "tv-1");
		scene.started(scene.mint(partner, user), "phone-1");
		HttpResponse<String> listed = scene.admin("GET", "/api/admin/users/" + user.username() + "/devices");
		assertThat(listed.body()).contains("tv-1", "phone-1");
		assertThat(scene.admin("DELETE", "/api/admin/users/" + user.username() + "/devices/phone-1").statusCode())
			.isEqualTo(204);
		assertProblem(scene.admin("DELETE", "/api/admin/users/" + user.username() + "/devices/phone-1"), 404,
				"unknown-device");
		assertProblem(scene.start(scene.mint(partner, user), "laptop-1"), 403, "device-limit");
		clock.advance(Duration.ofHours(23));
		assertProblem(scene.start(scene.mint(partner, user), "laptop-1"), 403, "device-limit");
		clock.advance(Duration.ofHours(1).plusSeconds(1));
		scene.started(scene.mint(partner, user), "laptop-1");
		assertProblem(scene.start(scene.mint(partner, user), "phone-1"), 403, "device-limit");
	}

	@Test
	void removingAndReaddingTheSameDeviceCostsNoSecondSlot() throws Exception {
		EndUser user = scene.viewer("dl-readd", null);
		scene.started(scene.mint(partner, user), "tv-1");
		scene.started(scene.mint(partner, user), "phone-1");
		assertThat(scene.mintApi("DELETE", "/api/v1/users/" + user.username() + "/devices/phone-1").statusCode())
			.as("the web back end removes it for the user").isEqualTo(204);
		scene.started(scene.mint(partner, user), "phone-1");
		assertProblem(scene.start(scene.mint(partner, user), "laptop-1"), 403, "device-limit");
	}

	@Test
	void theWebBackEndListsTheUsersDevicesWithItsBearer() throws Exception {
		EndUser user = scene.viewer("dl-list", null);
		scene.started(scene.mint(partner, user), "tv-1");
		HttpResponse<String> listed = scene.mintApi("GET", "/api/v1/users/" + user.username() + "/devices");
		assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
		assertThat(listed.body()).contains("\"device\":\"tv-1\"");
		HttpResponse<String> anonymous = scene.http.get("/api/v1/users/" + user.username() + "/devices");
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}
}
