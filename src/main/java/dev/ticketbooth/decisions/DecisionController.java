package dev.ticketbooth.decisions;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.web.bind.annotation.PostMapping;
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

	/** Reads no further than a decision body may be (the request-wide limit is far larger). */
	@PostMapping("/api/v1/decisions")
	Decision decide(InputStream body) throws IOException {
		DecisionBody request = DecisionBody.parse(body.readNBytes(DecisionBody.MAX_BYTES + 1));
		return decisions.decide(request.apiRequest(), null, "api");
	}
}
