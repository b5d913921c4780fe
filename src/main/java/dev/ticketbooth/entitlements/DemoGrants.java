package dev.ticketbooth.entitlements;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Profile {@code demo}: the demo user subscribes to course-java, and to nothing covering premium. */
@Component
@Profile("demo")
@Order(40)
class DemoGrants implements ApplicationRunner {

	private final Grants grants;

	DemoGrants(Grants grants) {
		this.grants = grants;
	}

	@Override
	public void run(ApplicationArguments args) {
		grants.save(new GrantRequest("demo", "course-java", null, "subscription", null, null, null, null, "demo-subscription"));
	}
}
