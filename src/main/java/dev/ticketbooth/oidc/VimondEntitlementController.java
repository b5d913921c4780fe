package dev.ticketbooth.oidc;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.entitlements.Access;
import dev.ticketbooth.entitlements.Entitlements;
import dev.ticketbooth.users.EndUsers;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vimond's "external entitlement service endpoint": when a token says {@code has_more_tvod},
 * Vimond asks whether the user (the token's {@code sub}) holds an asset; answers 200
 * {@code {"entitled": ...}}. Only a Vimond partner's callback credentials (HTTP Basic) reach it:
 * the callback filter chain in {@code dev.ticketbooth.partners} answers 401 to anything else.
 */
@RestController
class VimondEntitlementController {

	private final EndUsers users;

	private final Entitlements entitlements;

	private final Clock clock;

	VimondEntitlementController(EndUsers users, Entitlements entitlements, Clock clock) {
		this.users = users;
		this.entitlements = entitlements;
		this.clock = clock;
	}

	@GetMapping(path = "/vimond/entitlements", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> check(@RequestParam(required = false) String user, @RequestParam(required = false) String asset) {
		if (user == null || user.isBlank() || asset == null || asset.isBlank()) {
			throw ApiProblemException.badRequest("missing-field", "user (the token's sub) and asset are required");
		}
		Access access = users.findById(user).map(u -> entitlements.mayWatch(u, asset, clock.instant()))
			.orElse(new Access(false, Access.UNKNOWN_USER, null, null, null));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("user", user);
		body.put("asset", asset);
		body.put("entitled", access.allowed());
		body.put("reason", access.reason());
		return body;
	}
}
