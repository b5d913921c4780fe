package dev.ticketbooth.partners;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.config.ApiProblemException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changing every setting of a partner at once, as the console's partner page does. */
@TicketboothServerTest
class PartnerUpdateTests {

	@Autowired
	Partners partners;

	final String id = "upd-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void anUpdateChangesEverySettingButKeepsIdProfileCreationAndCallbackCredentials() {
		Partners.Created created = partners.create(new PartnerRequest(id, "kinescope", "default", null, null, null, null, null,
				null, null, id, null, false, null, null));
		Partner updated = partners.update(id, new PartnerRequest("ignored", "vidbeo", "default", "https://iss.example", "aud",
				600L, 3600L, null, null, true, "other", "other-password-123456", true,
				Map.of("countries", List.of("es"), "windows", List.of(Map.of("from", "09:00", "until", "17:00"))), null));
		assertThat(updated.id()).isEqualTo(id);
		assertThat(updated.profile()).isEqualTo(PartnerProfile.KINESCOPE);
		assertThat(updated.createdAt()).isEqualTo(created.partner().createdAt());
		assertThat(updated.callbackUsername()).isEqualTo(id);
		assertThat(partners.authenticateCallback(id, created.callbackPassword())).isPresent();
		Partner read = partners.get(id);
		assertThat(read.issuer()).isEqualTo("https://iss.example");
		assertThat(read.audience()).isEqualTo("aud");
		assertThat(read.defaultLifetime().toSeconds()).isEqualTo(600);
		assertThat(read.maxLifetime().toSeconds()).isEqualTo(3600);
		assertThat(read.libraryTokens()).isTrue();
		assertThat(read.allowPlainUserIds()).isTrue();
		assertThat(read.rules().allow().countries()).containsExactly("es");
		assertThat(read.rules().windows()).hasSize(1);
	}

	@Test
	void aRefusedUpdateChangesNothingAndAnUnknownPartnerIsNotFound() {
		partners.create(new PartnerRequest(id, "kinescope", "default", null, null, 300L, null, null, null, null));
		assertThatThrownBy(() -> partners.update(id, new PartnerRequest(id, null, null, null, null, 5L, null, null, null, null)))
			.isInstanceOfSatisfying(ApiProblemException.class, ex -> assertThat(ex.code()).isEqualTo("invalid-lifetime"));
		assertThat(partners.get(id).defaultLifetime().toSeconds()).isEqualTo(300);
		assertThatThrownBy(() -> partners.update("nothing-" + id, new PartnerRequest(id, null, null, null, null, null, null,
				null, null, null)))
			.isInstanceOfSatisfying(ApiProblemException.class, ex -> assertThat(ex.code()).isEqualTo("unknown-partner"));
	}
}
