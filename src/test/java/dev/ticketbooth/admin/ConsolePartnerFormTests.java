package dev.ticketbooth.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.PartnerRequest;
import dev.ticketbooth.partners.Partners;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner page saves what it shows: for a partner of every platform, the form filled as the
 * page fills it saves without a change, so an operator who edits one field keeps the rest.
 */
@TicketboothServerTest
class ConsolePartnerFormTests {

	@Autowired
	Partners partners;

	@Autowired
	KeyRotation keys;

	@ParameterizedTest
	@ValueSource(strings = { "vidbeo", "streamamg", "kinescope", "vimond", "mux", "brightcove", "ivs", "cloudflare" })
	void aPartnerSavedUnchangedFromItsPageStaysTheSame(String profile) {
		String id = "form-" + profile + "-" + UUID.randomUUID().toString().substring(0, 6);
		keys.createSet(id, List.of(profile.equals("ivs") ? KeyAlgorithm.ES384 : KeyAlgorithm.RS256), true);
		Map<String, String> settings = switch (profile) {
			case "mux" -> Map.of("playback_restriction_id", "restriction");
			case "brightcove" -> Map.of("accid", "1234567890");
			case "cloudflare" -> Map.of("customer_code", "demo123");
			default -> null;
		};
		partners.create(new PartnerRequest(id, profile, id, null, null, null, null, null, null, null, null, null, null,
				Map.of("countries", List.of("es"), "windows", List.of(Map.of("days", List.of("mon", "fri"), "from", "22:00",
						"until", "02:00", "zone", "Europe/Madrid"))), null, settings));
		Partner before = partners.get(id);

		partners.update(id, shownOnItsPage(before).request(id));

		assertThat(partners.get(id)).isEqualTo(before);
	}

	/** The form as templates/admin/partner.html fills it. */
	private static ConsolePartnersController.PartnerForm shownOnItsPage(Partner p) {
		return new ConsolePartnersController.PartnerForm(p.keySet(), p.algorithm().name(), p.issuer(), p.audience(),
				String.valueOf(p.defaultLifetime().toSeconds()), String.valueOf(p.maxLifetime().toSeconds()),
				PartnerForms.lines(p.claimNames()), PartnerForms.lines(p.urlTemplates()), p.libraryTokens(),
				p.allowPlainUserIds(), PartnerForms.lines(p.settings()), String.join(", ", p.rules().allow().ips()),
				String.join(", ", p.rules().allow().origins()), String.join(", ", p.rules().allow().countries()),
				p.rules().windows().stream().map(PartnerForms::window).collect(Collectors.joining("\n")));
	}
}
