package dev.ticketbooth.decisions;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import dev.ticketbooth.partners.Partner;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kinescope's authorization backend: {@code POST /kinescope/authorize} with
 * {@code {id, ip, type, token, user_agent}}. Answers 200 to allow, 403 to deny, 400 for a body it
 * cannot read. Only a Kinescope partner's callback credentials reach it (checked by the callback
 * filter chain in {@code dev.ticketbooth.partners}, which answers 401 to anything else); that
 * partner governs the decision.
 */
@RestController
class KinescopeCallbackController {

	private final Decisions decisions;

	KinescopeCallbackController(Decisions decisions) {
		this.decisions = decisions;
	}

	/** The body is read only now that the credentials are good, and no further than a decision body may be. */
	@PostMapping(path = "/kinescope/authorize", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> authorize(@AuthenticationPrincipal(errorOnInvalidType = true) Partner partner,
			InputStream body) throws IOException {
		DecisionBody request = DecisionBody.parse(body.readNBytes(DecisionBody.MAX_BYTES + 1));
		Decision decision = decisions.decide(request.kinescopeRequest(), partner, "kinescope");
		request.checkKinescopeType();
		return ResponseEntity.status(decision.allow() ? HttpStatus.OK : HttpStatus.FORBIDDEN)
			.body(DecisionBody.kinescopeAnswer(decision));
	}
}
