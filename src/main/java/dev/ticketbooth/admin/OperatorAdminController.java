package dev.ticketbooth.admin;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators of the server themselves ({@code ADMIN} or read-only {@code VIEWER}), under {@code /api/admin/operators}. */
@RestController
@RequestMapping("/api/admin/operators")
class OperatorAdminController {

	private final AdminAccounts accounts;

	OperatorAdminController(AdminAccounts accounts) {
		this.accounts = accounts;
	}

	record NewOperator(String username, String password, String role) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AdminAccounts.Operator> create(@RequestBody NewOperator request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(accounts.create(request.username(), request.password(),
				request.role() == null ? AdminAccounts.VIEWER : request.role()));
	}

	@GetMapping
	List<AdminAccounts.Operator> list() {
		return accounts.operators();
	}
}
