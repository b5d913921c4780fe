package dev.ticketbooth.oidc;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.config.Problems;
import dev.ticketbooth.entitlements.Access;
import dev.ticketbooth.entitlements.Entitlements;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.PartnerProfile;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.users.EndUsers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vimond's "external entitlement service endpoint": when a token says {@code has_more_tvod},
 * Vimond asks whether the user (the token's {@code sub}) holds an asset. HTTP Basic with the
 * credentials of a partner of profile {@code vimond}; answers 200 {@code {"entitled": ...}}.
 */
@RestController
class VimondEntitlementController {

	private final Partners partners;

	private final EndUsers users;

	private final Entitlements entitlements;

	private final Clock clock;

	VimondEntitlementController(Partners partners, EndUsers users, Entitlements entitlements, Clock clock) {
		this.partners = partners;
		this.users = users;
		this.entitlements = entitlements;
		this.clock = clock;
	}

	@GetMapping(path = "/vimond/entitlements", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> check(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(required = false) String user, @RequestParam(required = false) String asset) {
		if (authenticate(authorization) == null) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"ticketbooth vimond\"")
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "HTTP Basic credentials of a Vimond partner are required"));
		}
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
		return ResponseEntity.ok(body);
	}

	private Partner authenticate(String authorization) {
		return partners.authenticateBasic(authorization, PartnerProfile.VIMOND).orElse(null);
	}
}
