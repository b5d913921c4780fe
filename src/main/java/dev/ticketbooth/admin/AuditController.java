package dev.ticketbooth.admin;

import java.util.List;
import java.util.Map;

import dev.ticketbooth.config.ApiProblemException;

import org.springframework.http.HttpStatus;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/audit}: the audit trail as JSON, newest first. */
@RestController
class AuditController {

	static final int MAX_LIMIT = 100_000;

	private final AuditTrail audit;

	AuditController(AuditTrail audit) {
		this.audit = audit;
	}

	@GetMapping("/api/admin/audit")
	List<AuditEvent> audit(@RequestParam(defaultValue = "1000") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid-parameter",
					"limit must be a whole number from 1 to " + MAX_LIMIT, Map.of("field", "limit"));
		}
		return audit.recent(limit);
	}
}
