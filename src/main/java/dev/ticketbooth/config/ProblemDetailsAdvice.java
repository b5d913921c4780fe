package dev.ticketbooth.config;

import java.net.URI;

import dev.ticketbooth.keys.KeyEncryptionKeyException;
import dev.ticketbooth.keys.PemCodec;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as RFC 9457 problem JSON with a stable {@code code}; never a stack trace.
 * Spring MVC's own errors (bad JSON, wrong method, missing parameter...) get a code derived from
 * their kind.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(ApiProblemException.class)
	ResponseEntity<ProblemDetail> apiProblem(ApiProblemException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(ex.status(), ex.code(), ex.getMessage());
		ex.properties().forEach(problem::setProperty);
		return Problems.response(problem, request);
	}

	@ExceptionHandler(PemCodec.PemException.class)
	ResponseEntity<ProblemDetail> pem(PemCodec.PemException ex, HttpServletRequest request) {
		return Problems.response(Problems.of(HttpStatus.BAD_REQUEST, ex.code(), ex.getMessage()), request);
	}

	@ExceptionHandler(KeyEncryptionKeyException.class)
	ResponseEntity<ProblemDetail> kek(KeyEncryptionKeyException ex, HttpServletRequest request) {
		log.error("Key-encryption failure: {}", ex.getMessage());
		return Problems.response(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "key-encryption-failure",
				"The server cannot read its keys; an operator has been told."), request);
	}

	/** A body cut off at its limit while a controller read it (see RequestBodyLimitFilter). */
	@ExceptionHandler(RequestTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(RequestTooLargeException ex, HttpServletRequest request) {
		return Problems.response(ex.problem(), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
				"The server could not complete the request."), request);
	}

	/** A message converter wraps the body's {@link RequestTooLargeException}: still a 413, not a 400. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		RequestTooLargeException tooLarge = RequestTooLargeException.in(ex);
		if (tooLarge != null) {
			return handleExceptionInternal(ex, tooLarge.problem(), headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		ProblemDetail field = JsonFieldProblems.of(ex);
		if (field != null) {
			return handleExceptionInternal(ex, field, headers, HttpStatus.BAD_REQUEST, request);
		}
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = body instanceof ProblemDetail detail ? detail
				: ex instanceof ErrorResponse errorResponse ? errorResponse.getBody()
						: ProblemDetail.forStatus(statusCode);
		problem.setType(URI.create("about:blank"));
		if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
			problem.setProperty("code", Problems.codeFor(ex));
		}
		if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
			problem.setProperty("field", mismatch.getName());
			problem.setDetail("The parameter '" + mismatch.getName() + "' must be "
					+ (mismatch.getRequiredType() == int.class || mismatch.getRequiredType() == Integer.class
							|| mismatch.getRequiredType() == long.class ? "a whole number" : "of another type"));
		}
		else if (ex instanceof MissingServletRequestParameterException missing) {
			problem.setProperty("field", missing.getParameterName());
		}
		HttpHeaders out = new HttpHeaders();
		out.addAll(headers);
		out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new ResponseEntity<>(problem, out, statusCode);
	}
}
