package dev.ticketbooth.config;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A refusal with an HTTP status and a stable machine-readable {@code code}; rendered as RFC 9457
 * problem JSON by {@link ProblemDetailsAdvice}, and as a plain message by the CLI.
 */
public class ApiProblemException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final Map<String, Object> properties;

	public ApiProblemException(HttpStatus status, String code, String detail) {
		this(status, code, detail, Map.of());
	}

	public ApiProblemException(HttpStatus status, String code, String detail, Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.code = code;
		this.properties = Map.copyOf(properties);
	}

	public static ApiProblemException badRequest(String code, String detail) {
		return new ApiProblemException(HttpStatus.BAD_REQUEST, code, detail);
	}

	public static ApiProblemException notFound(String code, String detail) {
		return new ApiProblemException(HttpStatus.NOT_FOUND, code, detail);
	}

	public static ApiProblemException conflict(String code, String detail) {
		return new ApiProblemException(HttpStatus.CONFLICT, code, detail);
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	public Map<String, Object> properties() {
		return properties;
	}
}
