package dev.ticketbooth.oidc;

import java.security.Principal;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import dev.ticketbooth.login.LoginThrottle;
import dev.ticketbooth.login.SignInFor;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a TV sends its viewer to ({@code verification_uri}, RFC 8628): enter the code (each
 * attempt throttled per address before the look-up, like a password), sign in, see which app
 * asks for what, approve or deny. Approving does what Spring Authorization Server's own
 * verification endpoint does (the viewer becomes the authorization's principal, the user code is
 * spent); denying spends the device code too, so the TV's next poll gets {@code access_denied}.
 * Every form carries a CSRF token; the code waits in the session, never in a URL after entry.
 */
@Controller
class DeviceActivationController {

	static final String ENTER_VIEW = "oidc/activate";

	static final String CONFIRM_VIEW = "oidc/activate-confirm";

	static final String DONE_VIEW = "oidc/activate-done";

	private static final String PENDING_CODE = DeviceActivationController.class.getName() + ".userCode";

	private static final OAuth2TokenType USER_CODE = new OAuth2TokenType(OAuth2ParameterNames.USER_CODE);

	/** The letters of Spring's user codes: no vowels, so no 0/O or 1/I, and no words. */
	private static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

	private final OAuth2AuthorizationService authorizations;

	private final RegisteredClientRepository clients;

	private final LoginThrottle throttle;

	private final EndUsers users;

	private final Clock clock;

	DeviceActivationController(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
			LoginThrottle throttle, EndUsers users, Clock clock) {
		this.authorizations = authorizations;
		this.clients = clients;
		this.throttle = throttle;
		this.users = users;
		this.clock = clock;
	}

	/** A request waiting for its viewer, and the app that made it. */
	record Pending(OAuth2Authorization authorization, RegisteredClient client, Set<String> scopes) {
	}

	@GetMapping(DeviceProperties.VERIFICATION_PATH)
	String enterForm(@RequestParam(name = "user_code", required = false) String userCode, Model model) {
		String normalized = normalize(userCode);
		model.addAttribute("userCode", normalized == null ? "" : normalized);
		return ENTER_VIEW;
	}

	@PostMapping(DeviceProperties.VERIFICATION_PATH)
	String enter(@RequestParam(name = "user_code", defaultValue = "") String typed, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		model.addAttribute("userCode", typed.length() > 32 ? "" : typed);
		String address = request.getRemoteAddr();
		LoginThrottle.Attempt attempt = throttle.reserve(LoginThrottle.Realm.DEVICE_CODE, address, address);
		if (!attempt.reserved()) {
			response.setStatus(429);
			response.setHeader("Retry-After", String.valueOf(attempt.retryAfterSeconds(clock.instant())));
			model.addAttribute("error", "throttled");
			return ENTER_VIEW;
		}
		String code = normalize(typed);
		Pending pending = code == null ? null : pending(code);
		if (pending == null) {
			throttle.failed(attempt);
			response.setStatus(400);
			model.addAttribute("error", "invalid");
			return ENTER_VIEW;
		}
		throttle.succeeded(attempt);
		request.getSession().setAttribute(PENDING_CODE, code);
		SignInFor.app(request.getSession(), pending.client().getClientName());
		return "redirect:" + DeviceProperties.VERIFICATION_PATH + "/confirm";
	}

	@GetMapping(DeviceProperties.VERIFICATION_PATH + "/confirm")
	String confirmForm(HttpSession session, HttpServletResponse response, Model model) {
		Pending pending = pendingIn(session);
		if (pending == null) {
			return expired(response, model);
		}
		model.addAttribute("app", pending.client().getClientName());
		model.addAttribute("scopes", pending.scopes().stream().sorted().toList());
		model.addAttribute("userCode", session.getAttribute(PENDING_CODE));
		return CONFIRM_VIEW;
	}

	@PostMapping(DeviceProperties.VERIFICATION_PATH + "/confirm")
	String decide(@RequestParam(name = "decision", defaultValue = "") String decision, Authentication viewer,
			HttpSession session, HttpServletResponse response, Model model) {
		Pending pending = pendingIn(session);
		session.removeAttribute(PENDING_CODE);
		SignInFor.done(session);
		if (pending == null) {
			return expired(response, model);
		}
		OAuth2Authorization authorization = pending.authorization();
		OAuth2UserCode userCode = authorization.getToken(OAuth2UserCode.class).getToken();
		boolean active = users.findByUsername(viewer.getName()).filter(EndUser::enabled).isPresent();
		if ("approve".equals(decision) && active) {
			authorizations.save(OAuth2Authorization.from(authorization).principalName(viewer.getName())
				.authorizedScopes(pending.scopes()).invalidate(userCode).attribute(Principal.class.getName(), viewer)
				.attributes(attributes -> attributes.remove(OAuth2ParameterNames.SCOPE)).build());
			model.addAttribute("approved", true);
		}
		else {
			// denied: spending both codes makes the TV's next poll access_denied (RFC 8628 3.5)
			authorizations.save(OAuth2Authorization.from(authorization).invalidate(userCode)
				.invalidate(authorization.getToken(OAuth2DeviceCode.class).getToken()).build());
			model.addAttribute("approved", false);
		}
		model.addAttribute("app", pending.client().getClientName());
		return DONE_VIEW;
	}

	private String expired(HttpServletResponse response, Model model) {
		response.setStatus(400);
		model.addAttribute("userCode", "");
		model.addAttribute("error", "expired");
		return ENTER_VIEW;
	}

	private Pending pendingIn(HttpSession session) {
		Object code = session == null ? null : session.getAttribute(PENDING_CODE);
		return code == null ? null : pending(code.toString());
	}

	/** The request whose user code this is, while the code is unspent and unexpired. */
	private Pending pending(String userCode) {
		OAuth2Authorization authorization = authorizations.findByToken(userCode, USER_CODE);
		if (authorization == null) {
			return null;
		}
		OAuth2Authorization.Token<OAuth2UserCode> code = authorization.getToken(OAuth2UserCode.class);
		OAuth2Authorization.Token<OAuth2DeviceCode> device = authorization.getToken(OAuth2DeviceCode.class);
		if (code == null || !code.isActive() || device == null || device.isInvalidated()) { // isActive: unspent, unexpired
			return null;
		}
		RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
		if (client == null) {
			return null;
		}
		Set<String> scopes = authorization.getAttribute(OAuth2ParameterNames.SCOPE);
		// a mutable set: the authorization's JSON storage refuses immutable collections
		return new Pending(authorization, client, scopes == null ? new HashSet<>() : new HashSet<>(scopes));
	}

	/**
	 * What a viewer typed, as Spring wrote it ({@code BCDF-GHJK}): case, spaces and dashes do not
	 * matter. Anything that cannot be a code is null, and is never looked up.
	 */
	static String normalize(String typed) {
		if (typed == null || typed.length() > 32) {
			return null;
		}
		StringBuilder letters = new StringBuilder();
		for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
			if (ALPHABET.indexOf(c) >= 0) {
				letters.append(c);
			}
			else if (c != '-' && c != ' ') {
				return null;
			}
		}
		return letters.length() == 8 ? letters.substring(0, 4) + "-" + letters.substring(4) : null;
	}
}
