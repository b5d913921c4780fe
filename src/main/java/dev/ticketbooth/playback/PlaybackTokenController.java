package dev.ticketbooth.playback;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/playback-tokens}, for back ends holding a {@code playback:mint} access token. */
@RestController
class PlaybackTokenController {

	private final PlaybackTokens tokens;

	PlaybackTokenController(PlaybackTokens tokens) {
		this.tokens = tokens;
	}

	@PostMapping(path = "/api/v1/playback-tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PlaybackToken> mint(@RequestBody PlaybackTokenRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(tokens.mint(request));
	}
}
