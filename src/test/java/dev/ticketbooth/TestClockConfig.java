package dev.ticketbooth;

import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.playback.PlaybackFixture;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

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

	@Bean
	PlaybackFixture playbackFixture(dev.ticketbooth.catalog.Catalog catalog, dev.ticketbooth.users.EndUsers users,
			dev.ticketbooth.entitlements.Grants grants, dev.ticketbooth.partners.Partners partners, KeyRotation keys,
			KeyRing ring, RegisteredClientRepository clients, PasswordEncoder passwordEncoder, MutableClock clock,
			Environment environment) {
		return new PlaybackFixture(catalog, users, grants, partners, keys, ring, clients, passwordEncoder, clock,
				environment);
	}
}
