package dev.ticketbooth.oidc;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Lets a public client (no secret: a TV or phone app) name itself by {@code client_id} where it
 * has nothing else to show: at the device authorization endpoint, at the token endpoint for the
 * device code and refresh token grants, and at the revocation endpoint (RFC 7009 2.1: an app
 * signing out drops its own refresh token). Spring Authorization Server identifies public
 * clients only by PKCE at the code exchange. What proves such a request is the grant itself: a
 * device code that only its TV knows, a refresh token that rotates on every use.
 */
final class PublicClientAuthentication {

	private static final Set<String> GRANTS = Set.of(AuthorizationGrantType.DEVICE_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue());

	private PublicClientAuthentication() {
	}

	/** Marks the requests this class handles, so Spring's PKCE-only provider leaves them alone. */
	static final class Token extends OAuth2ClientAuthenticationToken {

		Token(String clientId, Map<String, Object> parameters) {
			super(clientId, ClientAuthenticationMethod.NONE, null, parameters);
		}
	}

	/** {@code paths}: the endpoints where a client id alone is accepted whatever the request (device authorization, revocation). */
	static AuthenticationConverter converter(Set<String> paths) {
		return request -> {
			if (!"POST".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
					|| request.getParameter("client_assertion") != null) {
				return null;
			}
			if (!paths.contains(pathOf(request)) && !GRANTS.contains(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
				return null;
			}
			String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
			if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
			}
			return new Token(clientIds[0], Map.of());
		};
	}

	private static String pathOf(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	static AuthenticationProvider provider(RegisteredClientRepository clients) {
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				String clientId = authentication.getPrincipal().toString();
				RegisteredClient client = clients.findByClientId(clientId);
				if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
					throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
							"Client authentication failed: " + OAuth2ParameterNames.CLIENT_ID, null));
				}
				return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return Token.class.isAssignableFrom(authentication);
			}
		};
	}

	/** Puts this provider first: Spring's public-client provider would refuse these requests for want of PKCE. */
	static void first(List<AuthenticationProvider> providers, AuthenticationProvider provider) {
		providers.add(0, provider);
	}
}
