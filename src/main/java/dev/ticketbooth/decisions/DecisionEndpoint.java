package dev.ticketbooth.decisions;

import java.io.IOException;
import java.util.Optional;

import dev.ticketbooth.config.LeanEndpoint;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.PartnerCallbacks;
import dev.ticketbooth.partners.PartnerProfile;
import dev.ticketbooth.playback.ApiBearerTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decisions on the lean path (see {@link LeanEndpoint}): {@code POST /api/v1/decisions}, whose
 * caller {@link ApiBearerTokens} checks as the {@code /api/v1/**} chain does, and Kinescope's
 * {@code POST /kinescope/authorize}, whose caller {@link PartnerCallbacks} checks as the callback
 * chain does; both before the body is read. They answer as {@link DecisionController} and
 * {@link KinescopeCallbackController} do, which still take requests of any other shape.
 */
final class DecisionEndpoint extends LeanEndpoint {

	static final String API_PATH = "/api/v1/decisions";

	static final String KINESCOPE_PATH = "/kinescope/authorize";

	private final Decisions decisions;

	private final ApiBearerTokens callers;

	private final PartnerCallbacks partners;

	DecisionEndpoint(Decisions decisions, ApiBearerTokens callers, PartnerCallbacks partners, JsonMapper json) {
		super(json);
		this.decisions = decisions;
		this.callers = callers;
		this.partners = partners;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !API_PATH.equals(path) && !KINESCOPE_PATH.equals(path);
	}

	@Override
	protected boolean takes(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && acceptsJson(request);
	}

	@Override
	protected void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (API_PATH.equals(request.getRequestURI())) {
			if (callers.authenticate(request, response, "playback:decide") == null) {
				return;
			}
			DecisionBody body = DecisionBody.parse(request.getInputStream().readNBytes(DecisionBody.MAX_BYTES + 1));
			writeJson(response, HttpServletResponse.SC_OK, decisions.decide(body.apiRequest(), null, "api"));
			return;
		}
		Optional<Partner> partner = partners.caller(request, PartnerProfile.KINESCOPE);
		if (partner.isEmpty()) {
			PartnerCallbacks.refuse(request, response);
			return;
		}
		DecisionBody body = DecisionBody.parse(request.getInputStream().readNBytes(DecisionBody.MAX_BYTES + 1));
		Decision decision = decisions.decide(body.kinescopeRequest(), partner.get(), "kinescope");
		body.checkKinescopeType();
		writeJson(response, decision.allow() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_FORBIDDEN,
				DecisionBody.kinescopeAnswer(decision));
	}
}
