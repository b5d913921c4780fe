package dev.ticketbooth.partners;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Checks a platform's callback credentials against the partners' stored hashes, in constant time
 * whether the username exists or not ({@link Partners#authenticateCallback}). Which platform may
 * call which path is the callback filter chain's rule ({@link PartnerCallbackSecurityConfig}), not
 * this provider's. Deliberately not a bean: a lone AuthenticationProvider bean would become the
 * application's global one.
 */
final class CallbackAuthenticationProvider implements AuthenticationProvider {

	private final Partners partners;

	CallbackAuthenticationProvider(Partners partners) {
		this.partners = partners;
	}

	@Override
	public Authentication authenticate(Authentication credentials) {
		String username = credentials.getPrincipal() instanceof String name ? name : null;
		String password = credentials.getCredentials() instanceof String secret ? secret : null;
		return partners.authenticateCallback(username, password).map(PartnerAuthentication::new)
			.orElseThrow(() -> new BadCredentialsException("Not the callback credentials of a partner"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
