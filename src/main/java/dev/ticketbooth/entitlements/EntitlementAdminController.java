package dev.ticketbooth.entitlements;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ticketbooth.config.Rfc3339;
import dev.ticketbooth.users.EndUsers;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator API for grants, bulk imports, user roles and entitlement checks, under {@code /api/admin}. */
@RestController
@RequestMapping("/api/admin")
class EntitlementAdminController {

	private final Grants grants;

	private final Entitlements entitlements;

	private final EndUsers users;

	private final java.time.Clock clock;

	EntitlementAdminController(Grants grants, Entitlements entitlements, EndUsers users, java.time.Clock clock) {
		this.grants = grants;
		this.entitlements = entitlements;
		this.users = users;
		this.clock = clock;
	}

	record RoleList(List<String> roles) {
	}

	@PostMapping(path = "/grants", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Grant> create(@RequestBody GrantRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(grants.save(request));
	}

	@GetMapping("/grants")
	List<Grant> list(@RequestParam String user) {
		return grants.forUser(users.get(user).id());
	}

	@GetMapping("/grants/{id}")
	Grant get(@PathVariable String id) {
		return grants.get(id);
	}

	@DeleteMapping("/grants/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		grants.delete(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/grants/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Integer> importJson(@RequestBody List<GrantRequest> requests) {
		return Map.of("imported", grants.importAll(requests));
	}

	@PostMapping(path = "/grants/import", consumes = "text/csv")
	Map<String, Integer> importCsv(@RequestBody String csv) {
		return Map.of("imported", grants.importCsv(csv));
	}

	@PutMapping(path = "/users/{username}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
	RoleList setRoles(@PathVariable String username, @RequestBody RoleList request) {
		return new RoleList(entitlements.setRoles(username, request.roles() == null ? List.of() : request.roles()));
	}

	@GetMapping("/users/{username}/roles")
	RoleList roles(@PathVariable String username) {
		return new RoleList(entitlements.roles(users.get(username).id()));
	}

	/** What the decision would be, for support staff: {@code ?user=&video=[&at=RFC 3339]}. */
	@GetMapping("/entitlements/check")
	Access check(@RequestParam String user, @RequestParam String video, @RequestParam(required = false) String at) {
		Instant when = at == null ? clock.instant() : Rfc3339.parse("at", at);
		return entitlements.mayWatch(user, video, when == null ? clock.instant() : when);
	}
}
