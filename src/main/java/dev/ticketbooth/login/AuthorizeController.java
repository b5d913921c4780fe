package dev.ticketbooth.login;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The Applicaster-style entry point. Checks the request first (an error page, never a redirect,
 * when anything is off), sends a signed-out user to the login page and back, and redirects a
 * signed-in one to the app with {@code token=<JWT>}.
 */
@Controller
class AuthorizeController {

	private static final Logger log = LoggerFactory.getLogger(AuthorizeController.class);

	static final String PENDING_PROVIDER = AuthorizeController.class.getName() + ".provider";

	private final Providers providers;

	private final EndUsers users;

	private final RequestCache requestCache;

	private final Clock clock;

	private final io.micrometer.core.instrument.MeterRegistry meters;

	AuthorizeController(Providers providers, EndUsers users, RequestCache requestCache, Clock clock,
			io.micrometer.core.instrument.MeterRegistry meters) {
		this.meters = meters;
		this.providers = providers;
		this.users = users;
		this.requestCache = requestCache;
		this.clock = clock;
	}

	@GetMapping("/authorize")
	ModelAndView authorize(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		AuthorizeRequest authorize;
		try {
			authorize = AuthorizeRequest.parse(request.getParameterMap(), providers);
		}
		catch (AuthorizeRequest.Rejected ex) {
			log.info("Refused /authorize: {}", ex.getMessage());
			return new ModelAndView("login/authorize-error", Map.of("reason", ex.getMessage()), HttpStatus.BAD_REQUEST);
		}
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
			requestCache.saveRequest(request, response);
			request.getSession().setAttribute(PENDING_PROVIDER, authorize.provider().displayName());
			return new ModelAndView(redirect("/login"));
		}
		EndUser user = users.findByUsername(authentication.getName()).filter(EndUser::enabled).orElse(null);
		if (user == null) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			return new ModelAndView("login/disabled", Map.of(), HttpStatus.FORBIDDEN);
		}
		Instant now = clock.instant();
		byte[] secret = providers.secretKey(authorize.provider().id());
		try {
			String token = ApplicasterTokens.mint(authorize.provider().issuerName(), user.id(), authorize.uuid(), now,
					now.plus(authorize.provider().tokenLifetime()), secret);
			meters.counter("ticketbooth.tokens.minted", "profile", "applicaster", "algorithm", "HS256").increment();
			return new ModelAndView(redirect(RedirectUris.withToken(authorize.redirectUri(), token)));
		}
		finally {
			Arrays.fill(secret, (byte) 0);
		}
	}

	/** A plain 302 with the URL exactly as given: no URI templates, no context path, no model. */
	private static RedirectView redirect(String url) {
		RedirectView view = new RedirectView(url, url.startsWith("/"));
		view.setExpandUriTemplateVariables(false);
		view.setExposeModelAttributes(false);
		view.setPropagateQueryParams(false);
		return view;
	}
}
