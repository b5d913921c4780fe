package dev.ticketbooth.partners;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.RingKey;

import org.springframework.http.HttpStatus;

/**
 * A platform that never fetches our JWKS: it holds our public key itself (uploaded or imported
 * there) and knows it only by the id it assigned, recorded as the key's {@code partner_key_id}.
 * Its partners' key sets are not rotated while the NEXT key has no such id, unless forced.
 */
public sealed interface VendorKeyDialect extends Dialect
		permits VidbeoDialect, BrightcoveDialect, IvsDialect, VideoSubjectDialect, CloudFrontDialect {

	@Override
	default boolean readsOurJwks() {
		return false;
	}

	/**
	 * The id the platform assigned to the key, for platforms that find the key by it in the header;
	 * 409 {@code partner-key-id-missing} while none is recorded.
	 *
	 * @param idName the platform's name for that id ("Mux signing key id")
	 * @param howToRecord how the operator gets and records it, in the platform's words
	 */
	static String assignedKid(RingKey key, String idName, String howToRecord) {
		if (key.partnerKeyId() == null) {
			throw new ApiProblemException(HttpStatus.CONFLICT, "partner-key-id-missing", "The ACTIVE key " + key.kid()
					+ " of set '" + key.keySet() + "' has no " + idName + ": " + howToRecord + " with PATCH /api/admin/keys/"
					+ key.kid());
		}
		return key.partnerKeyId();
	}
}
