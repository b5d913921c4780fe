package dev.ticketbooth;

import java.util.UUID;

import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.PartnerRequest;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;

/**
 * The setup most token and decision tests share, through the real services: a viewer who bought
 * one video, Kinescope partners, machine clients. Names carry a random suffix, so tests sharing
 * one server never collide.
 */
public final class Viewers {

	public static final String PASSWORD = "long-enough-pw";

	private final Catalog catalog;

	private final EndUsers users;

	private final Grants grants;

	private final Partners partners;

	Viewers(Catalog catalog, EndUsers users, Grants grants, Partners partners) {
		this.catalog = catalog;
		this.users = users;
		this.grants = grants;
		this.partners = partners;
	}

	/** A viewer and the one video they purchased. */
	public record Viewer(EndUser user, String video) {
	}

	public static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/** A new user {@code <prefix>-user-<suffix>} who purchased the new video {@code <prefix>-<suffix>}. */
	public Viewer purchased(String prefix, String suffix) {
		String video = prefix + "-" + suffix;
		catalog.createVideo(video, video);
		EndUser user = users.create(prefix + "-user-" + suffix, PASSWORD, true, true);
		grants.save(new GrantRequest(user.username(), null, video, "purchase", null, null, null, null, null));
		return new Viewer(user, video);
	}

	/** A Kinescope partner on the default key set that accepts library-wide tokens, without callback credentials. */
	public Partner kinescope(String id) {
		return partners.create(new PartnerRequest(id, "kinescope", null, null, null, null, null, null, null, true))
			.partner();
	}

	/** A Kinescope partner on {@code keySet} whose callback user is its id. */
	public Partner kinescopeWithCallback(String id, String keySet, String password, boolean plainUserIds) {
		return partners.create(new PartnerRequest(id, "kinescope", keySet, null, null, null, null, null, null, true, id,
				password, plainUserIds, null, null)).partner();
	}
}
