package dev.ticketbooth.users;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator API for end users, under {@code /api/admin/users}. Passwords go in, never out. */
@RestController
@RequestMapping("/api/admin/users")
class UserAdminController {

	private final EndUsers users;

	UserAdminController(EndUsers users) {
		this.users = users;
	}

	record NewUser(String username, String password, Boolean enabled) {
	}

	record UserUpdate(String password, Boolean enabled) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<EndUser> create(@RequestBody NewUser request) {
		EndUser user = users.create(request.username(), request.password(), !Boolean.FALSE.equals(request.enabled()), true);
		return ResponseEntity.status(HttpStatus.CREATED).body(user);
	}

	@GetMapping
	List<EndUser> list(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
		return users.list(Math.max(0, offset), Math.max(1, Math.min(limit, 1000)));
	}

	@GetMapping("/{username}")
	EndUser get(@PathVariable String username) {
		return users.get(username);
	}

	@PatchMapping(path = "/{username}", consumes = MediaType.APPLICATION_JSON_VALUE)
	EndUser update(@PathVariable String username, @RequestBody UserUpdate update) {
		return users.update(username, update.password(), update.enabled());
	}

	/** Denies every token minted for the user until now, ends their sessions and OAuth authorizations. */
	@PostMapping("/{username}/revoke-tokens")
	EndUser revokeTokens(@PathVariable String username) {
		return users.revokeTokens(username);
	}

	@DeleteMapping("/{username}")
	ResponseEntity<Void> delete(@PathVariable String username) {
		users.delete(username);
		return ResponseEntity.noContent().build();
	}
}
