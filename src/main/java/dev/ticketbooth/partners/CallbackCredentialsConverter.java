package dev.ticketbooth.partners;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a platform's HTTP Basic callback credentials. Unlike Spring Security's own converter it
 * never gives up early: no {@code Authorization} header, another scheme or a header that does not
 * decode all become credentials with neither username nor password, so that every request on a
 * callback path costs the same one password check as a wrong password, and gets the same 401.
 */
final class CallbackCredentialsConverter implements AuthenticationConverter {

	private static final String BASIC = "Basic ";

	@Override
	public UsernamePasswordAuthenticationToken convert(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				if (colon > 0) {
					return UsernamePasswordAuthenticationToken.unauthenticated(decoded.substring(0, colon),
							decoded.substring(colon + 1));
				}
			}
			catch (IllegalArgumentException ex) {
				// not base64: no credentials, below
			}
		}
		return UsernamePasswordAuthenticationToken.unauthenticated(null, null);
	}
}
