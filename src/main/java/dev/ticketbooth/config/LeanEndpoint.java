package dev.ticketbooth.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * A hot endpoint answered by a servlet filter ahead of Spring MVC and the security filter chains,
 * for the CPU they cost per request (docs/performance.md). It runs after the request-body limit
 * filter, so a body is bounded before anyone reads it, and takes only the requests it answers
 * exactly as the controller behind it would: its method and path, and a media type it reads and
 * writes. Any other request goes on down the chain to the controller, which still answers 405,
 * 406 and 415 as before. Subclasses authenticate with the same verifiers the chains use; answers
 * carry the headers Spring Security adds, and errors the same problem JSON as
 * {@link ProblemDetailsAdvice}.
 */
public abstract class LeanEndpoint extends OncePerRequestFilter {

	/** Right after the request-body limit filter, before Spring Session's filter and Spring Security. */
	public static final int ORDER = RequestBodyLimitConfig.ORDER + 1;

	private static final Logger log = LoggerFactory.getLogger(LeanEndpoint.class);

	private final JsonMapper json;

	private final LongAdder served = new LongAdder();

	protected LeanEndpoint(JsonMapper json) {
		this.json = json;
	}

	/** The endpoint's filter registration, on these URL patterns, at {@link #ORDER}. */
	public static <E extends LeanEndpoint> FilterRegistrationBean<E> registration(E endpoint, String... urlPatterns) {
		FilterRegistrationBean<E> registration = new FilterRegistrationBean<>(endpoint);
		registration.addUrlPatterns(urlPatterns);
		registration.setOrder(ORDER);
		return registration;
	}

	/** How many requests this endpoint answered itself. */
	public long served() {
		return served.sum();
	}

	/** Whether this request is one this endpoint answers itself; decided before the body is read. */
	protected abstract boolean takes(HttpServletRequest request);

	/** Answers the request; an {@link ApiProblemException} becomes its problem JSON. */
	protected abstract void serve(HttpServletRequest request, HttpServletResponse response) throws IOException;

	@Override
	protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!takes(request)) {
			chain.doFilter(request, response);
			return;
		}
		served.increment();
		if (cacheControl() == null) {
			noCache(response); // before anything is written: refusals by the shared authenticators get them too
		}
		// the request metrics name the endpoint as Spring MVC would (its path), not UNKNOWN
		ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(request
			.getRequestURI()));
		secureHeaders(response);
		try {
			serve(request, response);
		}
		catch (ApiProblemException ex) {
			ProblemDetail problem = Problems.of(ex.status(), ex.code(), ex.getMessage());
			ex.properties().forEach(problem::setProperty);
			problem(request, response, problem);
		}
		catch (UnreadableBody ex) {
			problem(request, response, ex.problem);
		}
		catch (RequestTooLargeException ex) {
			problem(request, response, ex.problem());
		}
		catch (RuntimeException ex) {
			log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
			problem(request, response, Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
					"The server could not complete the request."));
		}
	}

	/** The headers Spring Security's chains add to every answer (its defaults). */
	private static void secureHeaders(HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-XSS-Protection", "0");
		response.setHeader("X-Frame-Options", "DENY");
	}

	/** Spring Security's caching headers, which it adds to an answer that set no {@code Cache-Control} of its own. */
	private static void noCache(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		response.setHeader(HttpHeaders.EXPIRES, "0");
	}

	/**
	 * The {@code Cache-Control} this endpoint's successful answers set themselves (as its controller
	 * does), or null for Spring Security's. Refusals and errors always get Spring Security's.
	 */
	protected String cacheControl() {
		return null;
	}

	/** An answer as Spring MVC writes a returned object: the application's JSON mapper, {@code application/json}. */
	protected final void writeJson(HttpServletResponse response, int status, Object body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		if (cacheControl() != null) {
			response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl());
		}
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	/**
	 * The body read as Spring MVC's {@code @RequestBody} reads it: the same mapper and strict input
	 * rules, and the same problems for what it refuses (a field, a duplicate, an unreadable body).
	 */
	protected final <T> T readJson(HttpServletRequest request, Class<T> type) throws IOException {
		T value;
		try (InputStream body = request.getInputStream()) {
			value = json.readValue(body, type);
		}
		catch (JacksonException ex) {
			RequestTooLargeException tooLarge = RequestTooLargeException.in(ex);
			if (tooLarge != null) {
				throw tooLarge;
			}
			throw new UnreadableBody(notReadable(ex));
		}
		if (value == null) { // an empty body, or the JSON null: "Required request body is missing"
			throw new UnreadableBody(notReadable(null));
		}
		return value;
	}

	private static ProblemDetail notReadable(JacksonException cause) {
		ProblemDetail field = cause == null ? null
				: JsonFieldProblems.of(new HttpMessageNotReadableException("JSON parse error", cause, null));
		ProblemDetail problem = field != null ? field : Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
				"Failed to read request");
		problem.setType(java.net.URI.create("about:blank"));
		return problem;
	}

	/** Whether the request's {@code Content-Type} is exactly one this endpoint reads (any charset but UTF-8 is left to MVC). */
	protected static boolean contentTypeIs(HttpServletRequest request, MediaType type) {
		String header = request.getContentType();
		if (header == null) {
			return false;
		}
		try {
			MediaType actual = MediaType.parseMediaType(header);
			return type.equalsTypeAndSubtype(actual)
					&& (actual.getCharset() == null || "UTF-8".equalsIgnoreCase(actual.getCharset().name()))
					&& actual.getParameters().keySet().stream().allMatch("charset"::equalsIgnoreCase);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Whether the caller takes JSON answers: no {@code Accept}, or one that admits {@code application/json}. */
	protected static boolean acceptsJson(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null || accept.isEmpty() || "*/*".equals(accept) || MediaType.APPLICATION_JSON_VALUE.equals(accept)) {
			return true;
		}
		try {
			List<MediaType> types = MediaType.parseMediaTypes(accept);
			return types.stream().anyMatch(t -> t.isCompatibleWith(MediaType.APPLICATION_JSON) && t.getQualityValue() > 0)
					&& types.stream().allMatch(t -> t.getQualityValue() > 0 || !t.includes(MediaType.APPLICATION_JSON));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** The problem JSON Spring MVC writes for a {@link ProblemDetail}. */
	private void problem(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		if (cacheControl() != null) {
			noCache(response);
		}
		Problems.writeAsMvc(request, response, problem);
	}

	/** What Spring MVC's message reading refuses, with the problem its exception handler would write. */
	private static final class UnreadableBody extends RuntimeException {

		private final transient ProblemDetail problem;

		UnreadableBody(ProblemDetail problem) {
			super(problem.getDetail(), null, false, false);
			this.problem = problem;
		}
	}
}
