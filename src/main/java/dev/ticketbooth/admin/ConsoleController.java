package dev.ticketbooth.admin;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The console's front door: its sign-in page, its home (a map of the daily jobs, each on its own
 * controller: keys, users and grants, catalog, "why can't U watch V", partners, providers,
 * clients, decisions) and the audit trail.
 */
@Controller
class ConsoleController {

	static final String LOGIN = "admin/login";

	static final String HOME = "admin/home";

	static final String AUDIT = "admin/audit";

	private final AuditTrail audit;

	ConsoleController(AuditTrail audit) {
		this.audit = audit;
	}

	@GetMapping("/admin/login")
	String login() {
		return LOGIN;
	}

	@GetMapping("/admin")
	String home() {
		return HOME;
	}

	@GetMapping("/admin/audit")
	String audit(Model model) {
		model.addAttribute("events", audit.recent(500));
		return AUDIT;
	}

	/** The audit trail as JSON, with the console's session. */
	@GetMapping(path = "/admin/audit.json", produces = "application/json")
	@ResponseBody
	List<AuditEvent> auditJson() {
		return audit.recent(100_000);
	}
}
