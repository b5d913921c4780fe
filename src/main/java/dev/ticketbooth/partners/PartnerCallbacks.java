package dev.ticketbooth.partners;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.ticketbooth.config.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.stereotype.Component;

/**
 * The platforms' callbacks ({@code /kinescope/**}, {@code /vimond/**}): which platform calls which
 * paths, who is calling (HTTP Basic with a partner's callback credentials, read by
 * {@link CallbackCredentialsConverter} and checked by {@link CallbackAuthenticationProvider}), and
 * the one 401 every refusal gets. Shared by the callback filter chain and the lean Kinescope
 * endpoint, so both check the same way and refuse alike.
 */
@Component
public class PartnerCallbacks {

	/** A platform that calls us back: on which paths (its dialect says), as partners of which profile. */
	record Callback(String paths, PartnerProfile profile) {

		String realm() {
			return "ticketbooth " + profile.wireName();
		}

		String detail() {
			return "HTTP Basic credentials of a " + profile.dialect().platform() + " partner are required";
		}

		boolean matches(HttpServletRequest request) {
			return PathPatternRequestMatcher.withDefaults().matcher(paths).matches(request);
		}
	}

	static final List<Callback> CALLBACKS = Arrays.stream(PartnerProfile.values())
		.filter(profile -> profile.dialect().callbackPaths() != null)
		.map(profile -> new Callback(profile.dialect().callbackPaths(), profile))
		.toList();

	private final CallbackCredentialsConverter credentials = new CallbackCredentialsConverter();

	private final CallbackAuthenticationProvider provider;

	PartnerCallbacks(Partners partners) {
		this.provider = new CallbackAuthenticationProvider(partners);
	}

	CallbackAuthenticationProvider provider() {
		return provider;
	}

	/**
	 * The partner of {@code profile} whose callback credentials the request carries, checked as the
	 * callback chain checks them (the same converter and provider, one password check whatever is
	 * sent); empty for anything else, a partner of another platform included.
	 */
	public Optional<Partner> caller(HttpServletRequest request, PartnerProfile profile) {
		try {
			Object principal = provider.authenticate(credentials.convert(request)).getPrincipal();
			return principal instanceof Partner partner && partner.profile() == profile ? Optional.of(partner)
					: Optional.empty();
		}
		catch (AuthenticationException ex) {
			return Optional.empty();
		}
	}

	/** The 401 of the callback whose path this is; a partner of another platform gets it too. */
	public static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Callback callback = CALLBACKS.stream().filter(c -> c.matches(request)).findFirst().orElseThrow();
		response.setHeader("WWW-Authenticate", "Basic realm=\"" + callback.realm() + "\"");
		Problems.writeAsMvc(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", callback.detail());
	}
}
