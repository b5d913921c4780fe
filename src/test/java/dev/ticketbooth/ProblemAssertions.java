package dev.ticketbooth;

import java.net.http.HttpResponse;
import java.text.ParseException;

import com.nimbusds.jose.util.JSONObjectUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** An RFC 9457 problem response with the expected status and stable code, and no Java internals. */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	public static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(code(response)).isEqualTo(code);
		assertThat(response.body()).doesNotContain("at dev.", "Exception");
	}

	public static String code(HttpResponse<String> response) {
		try {
			return (String) JSONObjectUtils.parse(response.body()).get("code");
		}
		catch (ParseException ex) {
			throw new AssertionError("not JSON: " + response.body(), ex);
		}
	}
}
