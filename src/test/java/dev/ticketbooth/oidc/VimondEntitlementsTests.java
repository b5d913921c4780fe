package dev.ticketbooth.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's stored grants as Vimond entitlements: every kind of grant shows up in the claims. */
@TicketboothServerTest
class VimondEntitlementsTests {

	static final VimondClaims.Options URI = new VimondClaims.Options(true, false, 6000);

	@Autowired
	VimondEntitlements vimond;

	@Autowired
	EndUsers users;

	@Autowired
	Catalog catalog;

	@Autowired
	Grants grants;

	@Test
	void aTrialOfOneVideoIsATvodAsset() {
		String s = UUID.randomUUID().toString().substring(0, 8);
		EndUser user = users.create("trial-" + s, "long-enough-pw", true, true);
		String video = "trial-video-" + s;
		catalog.createVideo(video, "Trial " + s);
		grants.save(new GrantRequest(user.username(), null, video, "trial", "hd", 1, null, "2099-01-01T00:00:00Z", null));
		Map<String, Object> claims = VimondClaims.build(vimond.forUser(user.id(), Instant.now()),
				vimond.flags(user.id()), URI, Instant.now());
		assertThat(claims).isEqualTo(Map.of("https://vimond/entitlements",
				List.of(Map.of("tvod", Map.of("a", List.of(video)), "quality", "hd", "streamcount", "1"))));
	}
}
