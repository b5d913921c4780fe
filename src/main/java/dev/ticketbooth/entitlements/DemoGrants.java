package dev.ticketbooth.entitlements;

import dev.ticketbooth.config.InitialData;

import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Profile {@code demo}: the demo user subscribes to course-java, and to nothing covering premium. */
@Component
@Profile("demo")
@Order(40)
class DemoGrants implements InitialData {

	private final Grants grants;

	DemoGrants(Grants grants) {
		this.grants = grants;
	}

	@Override
	public void create() {
		grants.save(new GrantRequest("demo", "course-java", null, "subscription", null, 2, null, null, "demo-subscription"));
	}
}
