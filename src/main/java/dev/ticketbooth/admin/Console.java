package dev.ticketbooth.admin;

import dev.ticketbooth.config.ApiProblemException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What every console page does alike: the confirmation page in front of a destructive action, the
 * page that shows a secret once, a refusal shown on the next page (and recorded with its own
 * status), and whether the operator may act.
 */
final class Console {

	static final String CONFIRM = "admin/confirm";

	static final String CREATED = "admin/created";

	private Console() {
	}

	/** The confirmation page: a title, what will happen, the POST it confirms and where Cancel goes. */
	static String confirm(Model model, String title, String text, String action, String back) {
		model.addAttribute("title", title);
		model.addAttribute("text", text);
		model.addAttribute("action", action);
		model.addAttribute("back", back);
		model.addAttribute("forceable", false);
		return CONFIRM;
	}

	/** The page that shows a secret this once ({@code secret} null: nothing to show). */
	static String created(Model model, String title, String label, String secret, String back) {
		model.addAttribute("title", title);
		model.addAttribute("label", label);
		model.addAttribute("secret", secret);
		model.addAttribute("back", back);
		return CREATED;
	}

	static void done(RedirectAttributes flash, String message) {
		flash.addFlashAttribute("message", message);
	}

	static void refused(RedirectAttributes flash, ApiProblemException ex) {
		refused(flash, ex.getMessage(), ex.status());
	}

	/** Shows the refusal on the next page and has the audit trail record its status, not the redirect's. */
	static void refused(RedirectAttributes flash, String message, HttpStatus status) {
		flash.addFlashAttribute("error", message);
		refusedStatus(status);
	}

	/** For a refusal shown on the same page (no redirect): the audit trail records its status. */
	static void refusedStatus(HttpStatus status) {
		RequestContextHolder.currentRequestAttributes().setAttribute(AuditFilter.REFUSED_STATUS, status.value(),
				RequestAttributes.SCOPE_REQUEST);
	}

	static boolean canAct(Authentication operator) {
		return operator != null && operator.getAuthorities().stream()
			.anyMatch(a -> a.getAuthority().equals("ROLE_" + AdminAccounts.ROLE));
	}

	/** An empty form field as null, as the services expect for "not given". */
	static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	/** A number from a form field; null when empty, a plain 400 refusal when it is not a number. */
	static Long number(String field, String value) {
		String v = blankToNull(value);
		if (v == null) {
			return null;
		}
		try {
			return Long.valueOf(v);
		}
		catch (NumberFormatException ex) {
			throw ApiProblemException.badRequest("invalid-number", field + " must be a whole number");
		}
	}
}
