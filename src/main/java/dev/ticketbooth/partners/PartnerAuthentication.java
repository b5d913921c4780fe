package dev.ticketbooth.partners;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A partner that called back with its own callback credentials. Its one authority names its
 * platform ({@code PARTNER_KINESCOPE}), so that the filter chain, not each controller, decides
 * which platform may call which path; controllers take the {@link Partner} as the principal.
 */
public final class PartnerAuthentication extends AbstractAuthenticationToken {

	private final transient Partner partner;

	PartnerAuthentication(Partner partner) {
		super(List.of(new SimpleGrantedAuthority(authority(partner.profile()))));
		this.partner = partner;
		setAuthenticated(true);
	}

	/** The authority of partners of this profile. */
	public static String authority(PartnerProfile profile) {
		return "PARTNER_" + profile.name();
	}

	@Override
	public Partner getPrincipal() {
		return partner;
	}

	/** None kept: the password was checked and is not needed again. */
	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public String getName() {
		return partner.id();
	}
}
