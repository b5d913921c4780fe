package dev.ticketbooth.playback;

import java.io.IOException;

import dev.ticketbooth.config.LeanEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * {@code POST /api/v1/playback-tokens} on the lean path (see {@link LeanEndpoint}): the caller is
 * checked by {@link ApiBearerTokens} before the body is read, then the body is read as
 * {@link PlaybackTokenController} reads it and minted by the same {@link PlaybackTokens}. Requests
 * of another shape (method, media type, {@code Accept}) go on to the chain and the controller.
 */
final class PlaybackTokenEndpoint extends LeanEndpoint {

	static final String PATH = "/api/v1/playback-tokens";

	private final ApiBearerTokens callers;

	private final PlaybackTokens tokens;

	PlaybackTokenEndpoint(ApiBearerTokens callers, PlaybackTokens tokens, JsonMapper json) {
		super(json);
		this.callers = callers;
		this.tokens = tokens;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !PATH.equals(request.getRequestURI());
	}

	@Override
	protected boolean takes(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && contentTypeIs(request, MediaType.APPLICATION_JSON)
				&& acceptsJson(request);
	}

	@Override
	protected void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (callers.authenticate(request, response, "playback:mint") == null) {
			return;
		}
		PlaybackToken token = tokens.mint(readJson(request, PlaybackTokenRequest.class));
		writeJson(response, HttpServletResponse.SC_CREATED, token);
	}
}
