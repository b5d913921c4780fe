package dev.ticketbooth.partners;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/** Every request on a callback path becomes credentials to check, readable or not. */
class CallbackCredentialsConverterTests {

	private static UsernamePasswordAuthenticationToken convert(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/kinescope/authorize");
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return new CallbackCredentialsConverter().convert(request);
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void basicCredentialsAreReadInAnyCaseOfTheScheme() {
		for (String scheme : new String[] { "Basic ", "basic ", "BASIC " }) {
			UsernamePasswordAuthenticationToken credentials = convert(scheme + base64("kinescope:pass:with:colons "));
			assertThat(credentials.getPrincipal()).isEqualTo("kinescope");
			assertThat(credentials.getCredentials()).isEqualTo("pass:with:colons ");
			assertThat(credentials.isAuthenticated()).isFalse();
		}
	}

	static Iterable<String> unreadable() {
		return Arrays.asList(null, "", "Basic", "Basic !!!not-base64", "Basic " + base64("no-colon"),
				"Basic " + base64(":no-username"), "Bearer " + base64("kinescope:password"), "Digest username=\"x\"");
	}

	@ParameterizedTest
	@MethodSource("unreadable")
	void anythingElseIsCredentialsWithNeitherUsernameNorPassword(String authorization) {
		UsernamePasswordAuthenticationToken credentials = convert(authorization);
		assertThat(credentials).isNotNull();
		assertThat(credentials.getPrincipal()).isNull();
		assertThat(credentials.getCredentials()).isNull();
	}
}
