package dev.ticketbooth.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page (Spring Security handles its POST) and cancelling a pending sign-in. */
@Controller
class LoginController {

	static final String LOGIN_VIEW = "login/login";

	private final RequestCache requestCache;

	LoginController(RequestCache requestCache) {
		this.requestCache = requestCache;
	}

	@GetMapping("/login")
	String login(HttpSession session, Model model) {
		Object app = session == null ? null : session.getAttribute(AuthorizeController.PENDING_PROVIDER);
		model.addAttribute("app", app);
		return LOGIN_VIEW;
	}

	/** The user declined: forget where they were going, show a page, send nothing anywhere. */
	@GetMapping("/login/cancel")
	String cancel(HttpServletRequest request, HttpServletResponse response) {
		requestCache.removeRequest(request, response);
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(AuthorizeController.PENDING_PROVIDER);
		}
		return "login/cancelled";
	}
}
