package dev.ticketbooth.decisions;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/decisions} (bearer, scope {@code playback:decide}): the same decision for a
 * CDN edge or a player back end. A deny is still 200; the caller reads {@code allow}.
 */
@RestController
class DecisionController {

	private final Decisions decisions;

	DecisionController(Decisions decisions) {
		this.decisions = decisions;
	}

	@PostMapping("/api/v1/decisions")
	Decision decide(@RequestBody(required = false) byte[] body) {
		DecisionBody request = DecisionBody.parse(body);
		return decisions.decide(new DecisionRequest(request.required("token"), request.required("video"),
				request.optional("ip"), request.optional("origin"), request.optional("user_agent")), null, "api");
	}
}
