package dev.ticketbooth.login;

import java.time.Clock;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Username and password sign-in behind the throttle: an attempt is reserved before the password
 * hash is computed (so a flood costs the server no argon2id work past the limit), and an account's
 * state (disabled, locked) is told only after the right password, so a wrong one gets the same
 * answer whatever the account's state. Used for end users and for operators.
 */
public final class ThrottledAuthenticationProvider implements AuthenticationProvider {

	/** Told of each refused password (not of throttled attempts, which are bounded by the throttle). */
	public interface FailureListener {

		void failed(String username, String ip, AuthenticationException reason);
	}

	private static final UserDetailsChecker NOTHING_BEFORE_THE_PASSWORD = user -> {
	};

	private final DaoAuthenticationProvider passwords;

	private final LoginThrottle throttle;

	private final LoginThrottle.Realm realm;

	private final FailureListener failures;

	private final Clock clock;

	public ThrottledAuthenticationProvider(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
			LoginThrottle.Realm realm, FailureListener failures, Clock clock) {
		this.passwords = new DaoAuthenticationProvider(users);
		this.passwords.setPasswordEncoder(encoder);
		this.passwords.setPreAuthenticationChecks(NOTHING_BEFORE_THE_PASSWORD);
		this.passwords.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
		this.throttle = throttle;
		this.realm = realm;
		this.failures = failures;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String ip = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: "unknown";
		LoginThrottle.Attempt attempt = throttle.reserve(realm, authentication.getName(), ip);
		if (!attempt.reserved()) {
			throw new TooManyAttemptsException(attempt.retryAfterSeconds(clock.instant()));
		}
		Authentication result;
		try {
			result = passwords.authenticate(authentication);
		}
		catch (AuthenticationException ex) {
			throttle.failed(attempt);
			failures.failed(authentication.getName(), ip, ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			throttle.abandoned(attempt);
			throw ex;
		}
		throttle.succeeded(attempt);
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return passwords.supports(authentication);
	}
}
