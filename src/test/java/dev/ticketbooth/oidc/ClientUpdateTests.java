package dev.ticketbooth.oidc;

import java.util.List;
import java.util.UUID;

import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.config.ApiProblemException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Editing a client and rotating its secret, as the console does. */
@TicketboothServerTest
class ClientUpdateTests {

	@Autowired
	OidcClients clients;

	final String id = "upd-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void anEditKeepsTheSecretAndTheEnrichmentDetailsTheFormDoesNotShow() {
		OidcClients.Created created = clients.create(new OidcClients.ClientRequest(id, null, false, null, null,
				List.of("playback:mint"), null, "vimond", "prefixed", true, null, true, null, null, null));
		RegisteredClient updated = clients.update(id, new OidcClients.ClientRequest(null, "Renamed", null, null, null,
				List.of("playback:mint", "playback:decide"), null, "vimond", null, null, null, null, 600L, null, null));
		assertThat(updated.getId()).isEqualTo(created.client().getId());
		assertThat(updated.getClientSecret()).isEqualTo(created.client().getClientSecret());
		assertThat(updated.getScopes()).containsExactlyInAnyOrder("playback:mint", "playback:decide");
		assertThat(updated.getClientName()).isEqualTo("Renamed");
		assertThat(updated.getClientSettings().<String>getSetting(ClientSettingNames.VIMOND_CLAIM_NAMES)).isEqualTo("prefixed");
		assertThat(updated.getClientSettings().<String>getSetting(ClientSettingNames.VIMOND_LEGACY)).isEqualTo("true");
		assertThat(updated.getClientSettings().<String>getSetting(ClientSettingNames.ACCESS_TOKEN_TYPE)).isEqualTo("at+jwt");
		assertThat(clients.get(id).getTokenSettings().getAccessTokenTimeToLive().toSeconds()).isEqualTo(600);
	}

	@Test
	void aRotatedSecretIsNewAndAPublicClientHasNone() {
		OidcClients.Created created = clients.create(new OidcClients.ClientRequest(id, null, false, null, null,
				List.of("playback:mint"), null, null, null, null, null, null, null, null, null));
		String secret = clients.rotateSecret(id);
		assertThat(secret).isNotEqualTo(created.secret()).hasSizeGreaterThanOrEqualTo(24);
		assertThat(clients.get(id).getClientSecret()).isNotEqualTo(created.client().getClientSecret());
		clients.create(new OidcClients.ClientRequest(id + "-pub", null, true, null, List.of("http://127.0.0.1:9999/cb"),
				List.of("openid"), null, null, null, null, null, null, null, null, null));
		assertThatThrownBy(() -> clients.rotateSecret(id + "-pub"))
			.isInstanceOfSatisfying(ApiProblemException.class, ex -> assertThat(ex.code()).isEqualTo("public-client"));
	}
}
