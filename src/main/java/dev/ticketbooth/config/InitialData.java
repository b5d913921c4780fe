package dev.ticketbooth.config;

/**
 * Data the server must hold before it answers its first request: the first admin, and the demo
 * profile's users, catalog, grants, providers, partners and clients. {@link InitialDataLoader}
 * creates it, in {@code @Order}, before the web server opens its port. (As an
 * {@code ApplicationRunner} it ran only after the port was open, and for about a second valid
 * credentials got 401.) Each step must be safe to run again on every start.
 */
@FunctionalInterface
public interface InitialData {

	void create();
}
