package dev.ticketbooth.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

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
