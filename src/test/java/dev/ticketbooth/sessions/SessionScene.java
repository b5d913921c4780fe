package dev.ticketbooth.sessions;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.OAuthClients;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.catalog.CollectionKind;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.partners.PartnerRequest;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the session tests set up through one running server's real services (a course, viewers
 * subscribed with a stream count, partners with viewer limits) and how they call it: minting,
 * deciding, and the sessions API, all over real HTTP. Names carry a random suffix, so tests
 * sharing a server never collide.
 */
final class SessionScene {

	final Http http;

	final String suffix = Viewers.suffix();

	final String course;

	final String video;

	final String otherVideo;

	private final ApplicationContext context;

	private final String mintBearer;

	private final String decideBearer;

	SessionScene(ApplicationContext context) throws Exception {
		this.context = context;
		this.http = new Http(context.getBean(Environment.class).getRequiredProperty("local.server.port", Integer.class));
		Catalog catalog = context.getBean(Catalog.class);
		course = "sess-course-" + suffix;
		video = "sess-v1-" + suffix;
		otherVideo = "sess-v2-" + suffix;
		catalog.createVideo(video, video);
		catalog.createVideo(otherVideo, otherVideo);
		catalog.createCollection(course, CollectionKind.COURSE, "Course", null, null);
		catalog.addVideos(course, List.of(video, otherVideo));
		var client = OAuthClients.register(context.getBean(RegisteredClientRepository.class),
				context.getBean(PasswordEncoder.class), "playback:mint", "playback:decide");
		mintBearer = "Bearer " + OAuthClients.accessToken(http, client, "playback:mint");
		decideBearer = "Bearer " + OAuthClients.accessToken(http, client, "playback:decide");
	}

	/** A new viewer subscribed to the course, with {@code streamCount} streams (null: the grant names none). */
	EndUser viewer(String name, Integer streamCount) {
		EndUser user = context.getBean(EndUsers.class).create(name + "-" + suffix, Viewers.PASSWORD, true, true);
		context.getBean(Grants.class)
			.save(new GrantRequest(user.username(), course, null, "subscription", null, streamCount, null, null, null));
		return user;
	}

	/** A new Kinescope partner on the default set with these viewer limits: its id. */
	String partner(String name, Integer maxStreams, String policy, Integer maxDevices, Boolean singleUse) {
		String id = name + "-" + suffix;
		context.getBean(Partners.class).create(new PartnerRequest(id, "kinescope", null, null, null, null, null, null, null,
				true, null, null, null, null, null, null, null, null, maxStreams, policy, maxDevices, null, singleUse));
		return id;
	}

	String mint(String partner, EndUser user) throws Exception {
		return mint(partner, user, video);
	}

	String mint(String partner, EndUser user, String video) throws Exception {
		HttpResponse<String> response = http.send(http.request("/api/v1/playback-tokens").header("Authorization", mintBearer)
			.header("Content-Type", "application/json")
			.POST(Http.json(JSONObjectUtils.toJSONString(Map.of("partner", partner, "user", user.username(), "video", video)))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return (String) JSONObjectUtils.parse(response.body()).get("token");
	}

	/** {@code POST /api/v1/decisions}: the decision. */
	Map<String, Object> decide(String token, String video) throws Exception {
		HttpResponse<String> response = http.send(http.request("/api/v1/decisions").header("Authorization", decideBearer)
			.header("Content-Type", "application/json")
			.POST(Http.json(JSONObjectUtils.toJSONString(Map.of("token", token, "video", video)))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSONObjectUtils.parse(response.body());
	}

	HttpResponse<String> start(String token, String device) {
		Map<String, Object> body = new HashMap<>(Map.of("token", token, "video", video));
		if (device != null) {
			body.put("device", device);
		}
		return start(JSONObjectUtils.toJSONString(body));
	}

	HttpResponse<String> start(String json) {
		return http.send(http.request("/api/v1/sessions").header("Content-Type", "application/json").POST(Http.json(json)));
	}

	/** A start that must succeed: the session id. */
	String started(String token, String device) throws Exception {
		HttpResponse<String> response = start(token, device);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return (String) JSONObjectUtils.parse(response.body()).get("session");
	}

	HttpResponse<String> heartbeat(String session) {
		return http.send(http.request("/api/v1/sessions/" + session + "/heartbeat").POST(Http.json("")));
	}

	HttpResponse<String> stop(String session) {
		return http.send(http.request("/api/v1/sessions/" + session).DELETE());
	}

	HttpResponse<String> admin(String method, String path) {
		return http.send(http.admin(path).method(method, Http.json("")));
	}

	HttpResponse<String> mintApi(String method, String path) {
		return http.send(http.request(path).header("Authorization", mintBearer).method(method, Http.json("")));
	}

	static String field(HttpResponse<String> response, String name) throws Exception {
		return String.valueOf(JSONObjectUtils.parse(response.body()).get(name));
	}
}
