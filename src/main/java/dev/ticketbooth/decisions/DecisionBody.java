package dev.ticketbooth.decisions;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.config.ApiProblemException;

/** Strict reading of a decision body: a JSON object whose named fields are strings. */
final class DecisionBody {

	static final int MAX_BYTES = 32 * 1024;

	private final Map<String, Object> json;

	private DecisionBody(Map<String, Object> json) {
		this.json = json;
	}

	static DecisionBody parse(byte[] body) {
		if (body == null || body.length == 0) {
			throw ApiProblemException.badRequest("malformed-request", "The body must be a JSON object");
		}
		if (body.length > MAX_BYTES) {
			throw ApiProblemException.badRequest("malformed-request", "The body is larger than " + MAX_BYTES + " bytes");
		}
		try {
			return new DecisionBody(JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8)));
		}
		catch (ParseException | RuntimeException ex) {
			throw ApiProblemException.badRequest("malformed-request", "The body is not a JSON object");
		}
	}

	/** {@code POST /api/v1/decisions}: {@code {token, video, ip?, origin?, user_agent?}}. */
	DecisionRequest apiRequest() {
		return new DecisionRequest(required("token"), required("video"), optional("ip"), optional("origin"),
				optional("user_agent"));
	}

	/** Kinescope's {@code {id, ip, type, token, user_agent}}; see {@link #checkKinescopeType()}. */
	DecisionRequest kinescopeRequest() {
		return new DecisionRequest(required("token"), required("id"), optional("ip"), null, optional("user_agent"));
	}

	/** {@code type} is checked for type only (Kinescope sends "video"), after the decision as it always was. */
	void checkKinescopeType() {
		optional("type");
	}

	/** Kinescope's answer: {@code {"allow", "reason"}}, always in that order. */
	static Map<String, Object> kinescopeAnswer(Decision decision) {
		Map<String, Object> answer = new java.util.LinkedHashMap<>();
		answer.put("allow", decision.allow());
		answer.put("reason", decision.reason());
		return answer;
	}

	String required(String field) {
		String value = optional(field);
		if (value == null || value.isEmpty()) {
			throw ApiProblemException.badRequest("missing-field", "The field '" + field + "' is required");
		}
		return value;
	}

	String optional(String field) {
		Object value = json.get(field);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw ApiProblemException.badRequest("invalid-field", "The field '" + field + "' must be a string");
		}
		return text;
	}
}
