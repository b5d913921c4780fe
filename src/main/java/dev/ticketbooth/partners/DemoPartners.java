package dev.ticketbooth.partners;

import java.util.List;
import java.util.Map;

import dev.ticketbooth.config.InitialData;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeyRotation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Profile {@code demo}: partners vidbeo-demo (its own unpublished key set, with a made-up Vidbeo
 * keyid), streamamg-demo, kinescope-demo, mux-demo (its own unpublished key set, with a made-up Mux
 * signing key id and playback restriction id), brightcove-demo (its own set, a made-up Brightcove key id)
 * ivs-demo (ES384 from its own unpublished set) and cloudflare-demo (its own set too, a made-up
 * Cloudflare key id, customer code demo123); the CDNs cloudfront-demo (its own RS256 set, AWS's
 * example public key id), akamai-demo and bunny-demo (HS256 sets holding made-up secrets, printed in
 * the README: a demo is never production).
 */
@Component
@Profile("demo")
@Order(50)
class DemoPartners implements InitialData {

	private static final Logger log = LoggerFactory.getLogger(DemoPartners.class);

	/** akamai-demo's made-up hex key, given in the README so anyone can check a demo token. */
	static final String AKAMAI_DEMO_KEY = "0123456789abcdef0123456789abcdef";

	/** bunny-demo's made-up security key, given in the README too. */
	static final String BUNNY_DEMO_KEY = "00000000-demo-4bun-8ny0-000000000000";

	private final Partners partners;

	private final KeyRotation keys;

	private final KeyRing ring;

	DemoPartners(Partners partners, KeyRotation keys, KeyRing ring) {
		this.partners = partners;
		this.keys = keys;
		this.ring = ring;
	}

	@Override
	public void create() {
		createMux();
		brightcove();
		if (partners.find("ivs-demo").isEmpty()) { // also on a demo home from before it
			createIvsDemo();
		}
		if (partners.find("cloudflare-demo").isEmpty()) {
			createCloudflare();
		}
		if (partners.find("cloudfront-demo").isEmpty()) { // the CDNs, also on a demo home from before them
			createCdns();
		}
		if (partners.find("vidbeo-demo").isPresent()) {
			streamamgKicksOldest();
			return;
		}
		keys.createSet("vidbeo-demo", List.of(KeyAlgorithm.RS256), false);
		keys.setPartnerKeyId(ring.active("vidbeo-demo", KeyAlgorithm.RS256).kid(), "demo-vidbeo-keyid");
		partners.create(new PartnerRequest("vidbeo-demo", "vidbeo", "vidbeo-demo", null, null, null, null, null,
				null, null));
		partners.create(new PartnerRequest("streamamg-demo", "streamamg", null, null, "playback.streamamg.com", null,
				null, null, null, null));
		partners.create(new PartnerRequest("kinescope-demo", "kinescope", null, null, null, null, null, null, null,
				true, "kinescope", "kinescope-demo-password", false, null, null));
		// an ES256 signer for the benchmark's ES256 scenario (and for partners that prefer short signatures)
		keys.createSet("es256-demo", List.of(KeyAlgorithm.ES256), true);
		partners.create(new PartnerRequest("kinescope-es256-demo", "kinescope", "es256-demo", null, null, null, null,
				null, null, true, null, null, false, null, "ES256"));
		streamamgKicksOldest();
		log.warn("demo profile: created partners vidbeo-demo, streamamg-demo, kinescope-demo, kinescope-es256-demo");
	}

	/**
	 * demo's course subscription allows 2 streams: kinescope-demo refuses a third (the default
	 * policy), streamamg-demo ends the oldest. Also on a demo home from before viewer limits.
	 */
	private void streamamgKicksOldest() {
		partners.find("streamamg-demo").filter(p -> !p.viewerLimits().kicksOldest()).ifPresent(p -> partners
			.setViewerLimits(p.id(), new ViewerLimits(null, ViewerLimits.KICK_OLDEST, null, null, false)));
	}

	/** mux-demo, also on a home seeded before it existed: its own RS256 set, made-up Mux key and restriction ids. */
	private void createMux() {
		if (partners.find("mux-demo").isPresent()) {
			return;
		}
		if (keys.sets().stream().noneMatch(set -> set.name().equals("mux-demo"))) {
			keys.createSet("mux-demo", List.of(KeyAlgorithm.RS256), false);
		}
		keys.setPartnerKeyId(ring.active("mux-demo", KeyAlgorithm.RS256).kid(), "demo-mux-signing-key-id");
		partners.create(new PartnerRequest("mux-demo", "mux", "mux-demo", null, null, null, null, null, null, null, null,
				null, null, null, null, Map.of("playback_restriction_id", "demo-mux-restriction-id")));
		log.warn("demo profile: created partner mux-demo");
	}

	/** brightcove-demo: its own unpublished RS256 set, a made-up Brightcove key id and account. */
	private void brightcove() {
		if (partners.find("brightcove-demo").isPresent()) {
			return;
		}
		keys.createSet("brightcove-demo", List.of(KeyAlgorithm.RS256), false);
		keys.setPartnerKeyId(ring.active("brightcove-demo", KeyAlgorithm.RS256).kid(), "demo-brightcove-key-id");
		partners.create(new PartnerRequest("brightcove-demo", "brightcove", "brightcove-demo", null, null, null, null,
				null, null, null, null, null, null, null, null, Map.of("accid", "1234567890")));
		log.warn("demo profile: created partner brightcove-demo");
	}

	/** Amazon IVS: ES384 from a set of its own, with a made-up playback key pair ARN as the vendor's id. */
	private void createIvsDemo() {
		keys.createSet("ivs-demo", List.of(KeyAlgorithm.ES384), false);
		keys.setPartnerKeyId(ring.active("ivs-demo", KeyAlgorithm.ES384).kid(),
				"arn:aws:ivs:eu-west-1:123456789012:playback-key/demoKeyPair1");
		partners.create(new PartnerRequest("ivs-demo", "ivs", "ivs-demo", null, null, null, null, null, null, null, null,
				null, null, null, "ES384"));
		log.warn("demo profile: created partner ivs-demo");
	}

	/** cloudfront-demo, akamai-demo and bunny-demo, each signing URLs for a folder per video (HLS). */
	private void createCdns() {
		keys.createSet("cloudfront-demo", List.of(KeyAlgorithm.RS256), false);
		keys.setPartnerKeyId(ring.active("cloudfront-demo", KeyAlgorithm.RS256).kid(), "K2JCJMDEHXQW5F");
		partners.create(cdn("cloudfront-demo", "https://d111111abcdef8.cloudfront.net/videos/{video}/"));
		keys.createSet("akamai-demo", List.of(KeyAlgorithm.HS256), false);
		keys.importSecret(AKAMAI_DEMO_KEY, "akamai-demo", null, true);
		partners.create(cdn("akamai-demo", "https://media.example.com/videos/{video}/"));
		keys.createSet("bunny-demo", List.of(KeyAlgorithm.HS256), false);
		keys.importSecret(BUNNY_DEMO_KEY, "bunny-demo", null, true);
		partners.create(cdn("bunny-demo", "https://demo.b-cdn.net/videos/{video}/"));
		log.warn("demo profile: created partners cloudfront-demo, akamai-demo, bunny-demo (made-up keys: never production)");
	}

	/** A CDN partner named as its set, with the profile its name starts with. */
	private static PartnerRequest cdn(String id, String origin) {
		return new PartnerRequest(id, id.substring(0, id.indexOf('-')), id, null, null, null, null, null, null, null, null,
				null, null, null, null, null, origin, null);
	}

	/** Its own unpublished RS256 set, with a made-up Cloudflare key id and customer code. */
	private void createCloudflare() {
		keys.createSet("cloudflare-demo", List.of(KeyAlgorithm.RS256), false);
		keys.setPartnerKeyId(ring.active("cloudflare-demo", KeyAlgorithm.RS256).kid(), "demo-cloudflare-key-id");
		partners.create(new PartnerRequest("cloudflare-demo", "cloudflare", "cloudflare-demo", null, null, null, null,
				null, null, null, null, null, null, null, null, Map.of(CloudflareDialect.CUSTOMER_CODE, "demo123")));
		log.warn("demo profile: created partner cloudflare-demo");
	}
}
