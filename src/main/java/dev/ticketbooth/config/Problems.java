package dev.ticketbooth.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Building problem JSON the same way everywhere, including from security filters. */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("code", code);
		return problem;
	}

	static ResponseEntity<ProblemDetail> response(ProblemDetail problem, HttpServletRequest request) {
		problem.setInstance(URI.create(request.getRequestURI()));
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** For filters that answer before Spring MVC (authentication entry points, access denied). */
	public static void write(HttpServletResponse response, HttpStatus status, String code, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
				+ "\",\"status\":" + status.value() + ",\"detail\":\"" + detail.replace("\"", "'") + "\",\"code\":\""
				+ code + "\"}");
	}

	/**
	 * For an answer a controller used to give and a filter now gives: the fields Spring MVC writes
	 * for a {@link ProblemDetail} a controller returns ({@code instance}, the request's path; no
	 * {@code type} while it is about:blank), so that clients see no change.
	 */
	public static void writeAsMvc(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String detail) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("detail", detail);
		body.put("instance", request.getRequestURI());
		body.put("status", status.value());
		body.put("title", status.getReasonPhrase());
		body.put("code", code);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8));
	}

	/** {@link #writeAsMvc(HttpServletRequest, HttpServletResponse, HttpStatus, String, String)} for any problem: its type when set, then its properties. */
	static void writeAsMvc(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("detail", problem.getDetail());
		body.put("instance", request.getRequestURI());
		body.put("status", problem.getStatus());
		body.put("title", problem.getTitle());
		if (problem.getType() != null) {
			body.put("type", problem.getType().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8));
	}

	static String codeFor(Exception ex) {
		if (ex instanceof HttpMessageNotReadableException) {
			return "malformed-request";
		}
		if (ex instanceof MissingServletRequestParameterException || ex instanceof MethodArgumentTypeMismatchException) {
			return "invalid-parameter";
		}
		if (ex instanceof HttpRequestMethodNotSupportedException) {
			return "method-not-allowed";
		}
		if (ex instanceof HttpMediaTypeNotSupportedException) {
			return "unsupported-media-type";
		}
		if (ex instanceof HttpMediaTypeNotAcceptableException) {
			return "not-acceptable";
		}
		if (ex instanceof NoResourceFoundException) {
			return "not-found";
		}
		return "bad-request";
	}
}
