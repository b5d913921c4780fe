package dev.ticketbooth.decisions;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import dev.ticketbooth.config.Problems;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.PartnerProfile;
import dev.ticketbooth.partners.Partners;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kinescope's authorization backend: {@code POST /kinescope/authorize} with HTTP Basic (the
 * partner's callback credentials) and {@code {id, ip, type, token, user_agent}}. Answers 200 to
 * allow, 403 to deny, 400 for a body it cannot read, 401 for wrong credentials.
 */
@RestController
class KinescopeCallbackController {

	private final Partners partners;

	private final Decisions decisions;

	KinescopeCallbackController(Partners partners, Decisions decisions) {
		this.partners = partners;
		this.decisions = decisions;
	}

	/** The body is read only once the credentials are good, and no further than a decision body may be. */
	@PostMapping(path = "/kinescope/authorize", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> authorize(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			InputStream body) throws IOException {
		Partner partner = authenticate(authorization);
		if (partner == null) {
			ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
					"HTTP Basic credentials of a Kinescope partner are required");
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE,
					"Basic realm=\"ticketbooth kinescope\"").contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		DecisionBody request = DecisionBody.parse(body.readNBytes(DecisionBody.MAX_BYTES + 1));
		Decision decision = decisions.decide(new DecisionRequest(request.required("token"), request.required("id"),
				request.optional("ip"), null, request.optional("user_agent")), partner, "kinescope");
		request.optional("type"); // checked for type only: Kinescope sends "video"
		return ResponseEntity.status(decision.allow() ? HttpStatus.OK : HttpStatus.FORBIDDEN)
			.body(Map.of("allow", decision.allow(), "reason", decision.reason()));
	}

	/** The partner whose Basic credentials these are; every failure takes the same path and time. */
	private Partner authenticate(String authorization) {
		return partners.authenticateBasic(authorization, PartnerProfile.KINESCOPE).orElse(null);
	}
}
