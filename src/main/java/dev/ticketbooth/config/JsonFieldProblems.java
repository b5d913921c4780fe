package dev.ticketbooth.config;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * A body that is JSON but not what the endpoint takes, named by its field: {@code invalid-field}
 * ("{@code ttl} must be a whole number") or {@code duplicate-field}. Bodies that are not JSON at
 * all stay {@code malformed-request}.
 */
final class JsonFieldProblems {

	private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object property|field) \"([^\"]{1,100})\"");

	private JsonFieldProblems() {
	}

	/** The problem for {@code ex}, or null when it is not about one field. */
	static ProblemDetail of(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (!(cause instanceof JacksonException json)) {
				continue;
			}
			Matcher duplicate = DUPLICATE.matcher(String.valueOf(json.getOriginalMessage()));
			if (duplicate.find()) {
				String field = path(json, duplicate.group(1));
				return problem("duplicate-field", field, "The field '" + field + "' is given more than once");
			}
			if (json instanceof MismatchedInputException mismatch && !json.getPath().isEmpty()) {
				String field = path(json, null);
				return problem("invalid-field", field, "The field '" + field + "' must be " + expected(mismatch.getTargetType()));
			}
		}
		return null;
	}

	private static String path(JacksonException json, String last) {
		StringBuilder out = new StringBuilder();
		for (JacksonException.Reference reference : json.getPath()) {
			if (reference.getPropertyName() != null) {
				out.append(out.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				out.append('[').append(reference.getIndex()).append(']');
			}
		}
		if (last != null) {
			out.append(out.isEmpty() ? "" : ".").append(last);
		}
		return out.isEmpty() ? "(body)" : out.toString();
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (type == Long.class || type == long.class || type == Integer.class || type == int.class || type == Short.class
				|| type == short.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "a number";
		}
		if (type == String.class || type.isEnum()) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a list";
		}
		if (Map.class.isAssignableFrom(type) || type.isRecord()) {
			return "an object";
		}
		return "of another type";
	}

	private static ProblemDetail problem(String code, String field, String detail) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, code, detail);
		problem.setProperty("field", field);
		return problem;
	}
}
