package dev.ticketbooth.oidc;

import dev.ticketbooth.FixedPortServer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the tests whose third-party client (npm's openid-client) checks the issuer against
 * the URL it discovered. Declaring the port in one inherited method keeps them all on one shared
 * application context: each class's own method would make a context of its own.
 */
abstract class FixedIssuerServer {

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		FixedPortServer.register(registry);
	}
}
