package dev.ticketbooth.login;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ticketbooth.TestDatabase;
import dev.ticketbooth.keys.KeyEncryptionKey;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizeRequestTests {

	@Test
	void withExactlyOneProviderItsIdMayBeOmitted() {
		try (TestDatabase db = TestDatabase.h2()) {
			Providers providers = new Providers(JdbcClient.create(db.dataSource()),
					KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64(), "test"), Clock.systemUTC());
			providers.create("only", "Only App", "Only", Duration.ofHours(1), List.of("myapp://auth/callback"), null);
			Map<String, String[]> request = Map.of("redirect_uri", new String[] { "myapp://auth/callback" }, "uuid",
					new String[] { "device-1" });

			assertThat(AuthorizeRequest.parse(request, providers).provider().id()).isEqualTo("only");

			providers.create("second", "Second App", "Second", Duration.ofHours(1), List.of("myapp://auth/callback"), null);
			assertThatThrownBy(() -> AuthorizeRequest.parse(request, providers))
				.isInstanceOf(AuthorizeRequest.Rejected.class).hasMessageContaining("must name its app");
		}
	}

	@Test
	void theTokenGoesIntoTheQueryKeepingOtherParametersAndTheFragment() {
		assertThat(RedirectUris.withToken("myapp://auth/callback", "T")).isEqualTo("myapp://auth/callback?token=T");
		assertThat(RedirectUris.withToken("https://a.example/cb?x=1", "T")).isEqualTo("https://a.example/cb?x=1&token=T");
		assertThat(RedirectUris.withToken("https://a.example/cb?x=1#top", "T")).isEqualTo("https://a.example/cb?x=1&token=T#top");
	}
}
