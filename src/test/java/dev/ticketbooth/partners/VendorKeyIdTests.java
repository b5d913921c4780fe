package dev.ticketbooth.partners;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyProperties;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeyState;
import dev.ticketbooth.keys.RingKey;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A platform that knows our keys only by the id it assigned (Vidbeo) never ends up with a key it
 * does not know: its partners' sets rotate only once the NEXT key's vendor id is recorded.
 */
@TicketboothServerTest
class VendorKeyIdTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	final int port;

	final Http http;

	final String s = Viewers.suffix();

	@Autowired
	KeyRing ring;

	@Autowired
	KeyProperties properties;

	@Autowired
	MutableClock clock;

	VendorKeyIdTests(@LocalServerPort int port) {
		this.port = port;
		this.http = new Http(port);
	}

	@Test
	void aVidbeoPartnersSetRotatesOnlyOnceItsNextKeyHasAVendorIdUnlessForced() throws Exception {
		String set = "vidbeo-" + s;
		createSet(set);
		assertThat(vendorKeyIds(set)).isFalse();
		createPartner("vidbeo-" + s, "vidbeo", set);
		assertThat(vendorKeyIds(set)).as("marked when the Vidbeo partner is created").isTrue();
		String next = next(set).kid();

		HttpResponse<String> refused = rotate(set, false);
		assertProblem(refused, 409, "partner-key-id-missing");
		assertThat(JSONObjectUtils.parse(refused.body())).containsEntry("kid", next);
		assertThat(refused.body()).contains("PATCH /api/admin/keys/" + next);

		HttpResponse<String> patched = http.send(http.admin("/api/admin/keys/" + next)
			.header("Content-Type", "application/json")
			.method("PATCH", BodyPublishers.ofString("{\"partner_key_id\":\"vb-" + s + "\"}")));
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
		clock.advance(properties.prepublish().plusMinutes(1));
		HttpResponse<String> rotated = rotate(set, false);
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		assertThat(rotated.body()).contains("\"outcome\":\"PROMOTED\"", "\"active_kid\":\"" + next + "\"");
		assertThat(ring.active(set, KeyAlgorithm.RS256).partnerKeyId()).isEqualTo("vb-" + s);

		clock.advance(properties.prepublish().plusMinutes(1));
		assertProblem(rotate(set, false), 409, "partner-key-id-missing");
		String third = next(set).kid();
		HttpResponse<String> forced = rotate(set, true);
		assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
		assertThat(ring.active(set, KeyAlgorithm.RS256).kid()).isEqualTo(third);
	}

	@Test
	void aStreamAmgPartnersSetRotatesAsBefore() throws Exception {
		String set = "amg-" + s;
		createSet(set);
		createPartner("amg-" + s, "streamamg", set);
		assertThat(vendorKeyIds(set)).isFalse();
		assertProblem(rotate(set, false), 409, "next-key-too-young");

		clock.advance(properties.prepublish().plusMinutes(1));
		HttpResponse<String> rotated = rotate(set, false);
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		assertThat(rotated.body()).contains("\"outcome\":\"PROMOTED\"");
	}

	@Test
	void theConsoleTimelineShowsEachKeysVendorId() {
		String set = "vidbeo-ui-" + s;
		createSet(set);
		createPartner("vidbeo-ui-" + s, "vidbeo", set);
		String active = ring.active(set, KeyAlgorithm.RS256).kid();
		http.send(http.admin("/api/admin/keys/" + active).header("Content-Type", "application/json")
			.method("PATCH", BodyPublishers.ofString("{\"partner_key_id\":\"vb-ui-" + s + "\"}")));

		WebSession operator = new WebSession(port);
		operator.postForm("/admin/login", "username=admin&password=" + TicketboothServerTest.ADMIN_PASSWORD + "&_csrf="
				+ csrf(operator.get("/admin/login").body()));
		String page = operator.get("/admin/keys").body();

		String timeline = page.substring(page.indexOf("data-set=\"" + set + "\""));
		timeline = timeline.substring(0, timeline.indexOf("</svg>"));
		assertThat(timeline).contains(active.substring(0, 12) + "… ACTIVE · vendor id: vb-ui-" + s,
				next(set).kid().substring(0, 12) + "… NEXT · vendor id: none recorded");
		String defaultTimeline = page.substring(page.indexOf("data-set=\"default\""));
		assertThat(defaultTimeline.substring(0, defaultTimeline.indexOf("</svg>"))).doesNotContain("vendor id");
	}

	private void createSet(String name) {
		HttpResponse<String> created = http.send(http.admin("/api/admin/key-sets").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"name\":\"" + name + "\",\"algorithms\":[\"RS256\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	private void createPartner(String id, String profile, String set) {
		HttpResponse<String> created = http.send(http.admin("/api/admin/partners").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(Map.of("id", id, "profile", profile, "key_set", set)))));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	private boolean vendorKeyIds(String set) throws Exception {
		HttpResponse<String> sets = http.send(http.admin("/api/admin/key-sets"));
		List<Object> all = com.nimbusds.jose.util.JSONArrayUtils.parse(sets.body());
		return all.stream().map(o -> (Map<?, ?>) o).filter(m -> set.equals(m.get("name"))).findFirst().orElseThrow()
			.get("vendor_key_ids").equals(Boolean.TRUE);
	}

	private HttpResponse<String> rotate(String set, boolean force) {
		return http.send(http.admin("/api/admin/keys/rotate?set=" + set + (force ? "&force=true" : ""))
			.POST(BodyPublishers.noBody()));
	}

	private RingKey next(String set) {
		ring.refreshIfChanged();
		return ring.keys().stream().filter(k -> k.keySet().equals(set) && k.state() == KeyState.NEXT).findFirst()
			.orElseThrow();
	}

	private static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).isTrue();
		return WebSession.encode(matcher.group(1));
	}
}
