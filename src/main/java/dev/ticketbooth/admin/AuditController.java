package dev.ticketbooth.admin;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/audit}: the audit trail as JSON, newest first. */
@RestController
class AuditController {

	private final AuditTrail audit;

	AuditController(AuditTrail audit) {
		this.audit = audit;
	}

	@GetMapping("/api/admin/audit")
	List<AuditEvent> audit(@RequestParam(defaultValue = "1000") int limit) {
		return audit.recent(Math.max(1, Math.min(limit, 100_000)));
	}
}
