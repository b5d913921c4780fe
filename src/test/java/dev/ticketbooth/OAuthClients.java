package dev.ticketbooth;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** Registers machine clients in the real JDBC repository and gets tokens over HTTP. */
public final class OAuthClients {

	private OAuthClients() {
	}

	public record Client(String id, String secret) {
	}

	public static Client register(RegisteredClientRepository clients, PasswordEncoder encoder, String... scopes) {
		String id = "test-" + UUID.randomUUID();
		String secret = UUID.randomUUID().toString();
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString()).clientId(id)
			.clientSecret(encoder.encode(secret)).clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
		for (String scope : scopes) {
			builder.scope(scope);
		}
		clients.save(builder.build());
		return new Client(id, secret);
	}

	/** A client-credentials access token from {@code /oauth2/token}. */
	public static String accessToken(Http http, Client client, String scope) throws Exception {
		HttpResponse<String> response = http.send(http.request("/oauth2/token")
			.header("Authorization", Http.basic(client.id(), client.secret()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");
	}
}
