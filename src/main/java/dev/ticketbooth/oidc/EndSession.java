package dev.ticketbooth.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;

/**
 * RP-initiated logout, after Spring Authorization Server has checked the request (a valid
 * {@code id_token_hint} of ours; a {@code post_logout_redirect_uri} exactly as registered): the
 * login session ends (it lives in the database, so on every node), and for a client registered
 * with {@code logout_revokes_tokens} every authorization of that client for that viewer ends too,
 * so its refresh tokens stop at once.
 */
final class EndSession implements LogoutHandler {

	private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

	private final OAuth2AuthorizationService authorizations;

	private final RegisteredClientRepository clients;

	private final JdbcClient jdbc;

	private final SecurityContextLogoutHandler sessionLogout = new SecurityContextLogoutHandler();

	EndSession(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients, JdbcClient jdbc) {
		this.authorizations = authorizations;
		this.clients = clients;
		this.jdbc = jdbc;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		if (!(authentication instanceof OidcLogoutAuthenticationToken logout)) {
			return;
		}
		if (logout.isPrincipalAuthenticated()) {
			sessionLogout.logout(request, response, (Authentication) logout.getPrincipal());
		}
		OidcIdToken idToken = logout.getIdToken();
		OAuth2Authorization authorization = idToken == null ? null : authorizations.findByToken(idToken.getTokenValue(), ID_TOKEN);
		if (authorization == null) {
			return;
		}
		RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
		Object revokes = client == null ? null : client.getClientSettings().getSetting(ClientSettingNames.LOGOUT_REVOKES_TOKENS);
		if (revokes != null && "true".equals(revokes.toString())) {
			jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = ? AND principal_name = ?")
				.params(client.getId(), authorization.getPrincipalName()).update();
		}
	}
}
