package dev.ticketbooth.playback;

import java.time.Instant;
import java.util.List;

import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.catalog.CollectionKind;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.PartnerRequest;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;

import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * What a platform's token tests set up, through the real services: videos and a course, viewers
 * with their grants, a key set (with the platform's id for its key) and partners, plus the running
 * server's {@link Http}, its clock and a {@link PlaybackApi}. One bean (registered in
 * {@code TestClockConfig}), so a token test autowires it instead of each service.
 */
public final class PlaybackFixture {

	private final Catalog catalog;

	private final EndUsers users;

	private final Grants grants;

	private final Partners partners;

	private final KeyRotation keys;

	private final KeyRing ring;

	private final RegisteredClientRepository clients;

	private final PasswordEncoder passwordEncoder;

	private final MutableClock clock;

	private final Environment environment;

	public PlaybackFixture(Catalog catalog, EndUsers users, Grants grants, Partners partners, KeyRotation keys,
			KeyRing ring, RegisteredClientRepository clients, PasswordEncoder passwordEncoder, MutableClock clock, Environment environment) {
		this.catalog = catalog;
		this.users = users;
		this.grants = grants;
		this.partners = partners;
		this.keys = keys;
		this.ring = ring;
		this.clients = clients;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.environment = environment;
	}

	/** The server's time, which other tests move ahead: check tokens at this time, not the machine's. */
	Instant now() {
		return clock.instant();
	}

	/** The running server, on its random port. */
	Http http() {
		return new Http(environment.getRequiredProperty("local.server.port", Integer.class));
	}

	/** A new machine client that may mint and decide, and the API as it calls it. */
	PlaybackApi api() throws Exception {
		return PlaybackApi.register(http(), clients, passwordEncoder);
	}

	/** New videos, each titled with its id. */
	void videos(String... ids) {
		for (String id : ids) {
			catalog.createVideo(id, id);
		}
	}

	/** A new course holding {@code videos}. */
	void course(String id, String... videos) {
		catalog.createCollection(id, CollectionKind.COURSE, "Course", null, null);
		catalog.addVideos(id, List.of(videos));
	}

	/** A new enabled user, with no grants yet. */
	EndUser viewer(String username) {
		return users.create(username, Viewers.PASSWORD, true, true);
	}

	/** A purchase of one video. */
	void purchase(EndUser user, String video) {
		grant(new GrantRequest(user.username(), null, video, "purchase", null, null, null, null, null));
	}

	/** A subscription to a course, at {@code quality} (null for any). */
	void subscribe(EndUser user, String course, String quality) {
		grant(new GrantRequest(user.username(), course, null, "subscription", quality, null, null, null, null));
	}

	void grant(GrantRequest request) {
		grants.save(request);
	}

	/** A new unpublished key set with one {@code algorithm} key: its active kid. */
	String keySet(String name, KeyAlgorithm algorithm) {
		keys.createSet(name, List.of(algorithm), false);
		return activeKid(name, algorithm);
	}

	/** A new key set whose active key has the platform's id {@code partnerKeyId} recorded: its kid. */
	String keySet(String name, KeyAlgorithm algorithm, String partnerKeyId) {
		String kid = keySet(name, algorithm);
		recordPartnerKeyId(kid, partnerKeyId);
		return kid;
	}

	String activeKid(String set, KeyAlgorithm algorithm) {
		return ring.active(set, algorithm).kid();
	}

	void recordPartnerKeyId(String kid, String partnerKeyId) {
		keys.setPartnerKeyId(kid, partnerKeyId);
	}

	Partner partner(PartnerRequest request) {
		return partners.create(request).partner();
	}

	Partner partner(String id) {
		return partners.get(id);
	}
}
