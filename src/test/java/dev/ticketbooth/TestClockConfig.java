package dev.ticketbooth;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfig {

	@Bean
	@Primary
	MutableClock testClock() {
		return MutableClock.startingNow();
	}

	@Bean
	Viewers viewers(dev.ticketbooth.catalog.Catalog catalog, dev.ticketbooth.users.EndUsers users,
			dev.ticketbooth.entitlements.Grants grants, dev.ticketbooth.partners.Partners partners) {
		return new Viewers(catalog, users, grants, partners);
	}
}
