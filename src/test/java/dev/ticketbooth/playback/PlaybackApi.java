package dev.ticketbooth.playback;

import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.OAuthClients;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playback API as the token tests call it: one machine client with a bearer to mint and one
 * to decide, the admin calls that create partners and export public keys, and the JSON helpers.
 */
record PlaybackApi(Http http, String mintBearer, String decideBearer) {

	/** Registers a client with {@code playback:mint} and {@code playback:decide} and gets a bearer for each. */
	static PlaybackApi register(Http http, RegisteredClientRepository clients, PasswordEncoder encoder) throws Exception {
		var client = OAuthClients.register(clients, encoder, "playback:mint", "playback:decide");
		return new PlaybackApi(http, "Bearer " + OAuthClients.accessToken(http, client, "playback:mint"),
				"Bearer " + OAuthClients.accessToken(http, client, "playback:decide"));
	}

	/** {@code POST /api/v1/playback-tokens}, whatever it answers. */
	HttpResponse<String> post(Map<String, Object> body) {
		return post(JSONObjectUtils.toJSONString(body));
	}

	HttpResponse<String> post(String json) {
		return http.send(http.request("/api/v1/playback-tokens").header("Authorization", mintBearer)
			.header("Content-Type", "application/json").POST(Http.json(json)));
	}

	/** A mint that must succeed (201): its answer. */
	Map<String, Object> mint(Map<String, Object> body) throws Exception {
		HttpResponse<String> response = post(body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JSONObjectUtils.parse(response.body());
	}

	/** {@code POST /api/v1/decisions}, which must answer 200: the decision. */
	Map<String, Object> decide(Map<String, Object> body) throws Exception {
		HttpResponse<String> response = http.send(http.request("/api/v1/decisions").header("Authorization", decideBearer)
			.header("Content-Type", "application/json").POST(Http.json(JSONObjectUtils.toJSONString(body))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSONObjectUtils.parse(response.body());
	}

	Map<String, Object> decide(String token, String video) throws Exception {
		return decide(Map.of("token", token, "video", video));
	}

	/** An admin {@code POST} of a JSON body. */
	HttpResponse<String> adminPost(String path, Map<String, Object> body) {
		return adminPost(path, JSONObjectUtils.toJSONString(body));
	}

	HttpResponse<String> adminPost(String path, String json) {
		return http.send(http.admin(path).header("Content-Type", "application/json").POST(Http.json(json)));
	}

	/** An admin {@code PATCH} of a JSON body. */
	HttpResponse<String> adminPatch(String path, String json) {
		return http.send(http.admin(path).header("Content-Type", "application/json").method("PATCH", Http.json(json)));
	}

	/** An admin {@code GET}. */
	HttpResponse<String> adminGet(String path) {
		return http.send(http.admin(path));
	}

	HttpResponse<String> createPartner(Map<String, Object> body) {
		return adminPost("/api/admin/partners", body);
	}

	HttpResponse<String> createPartner(String json) {
		return adminPost("/api/admin/partners", json);
	}

	/** The public PEM of one key, as the admin API exports it. */
	String publicPem(String kid) {
		return http.send(http.admin("/api/admin/keys/" + kid + "/public.pem")).body();
	}

	static void assertCreated(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}
}
