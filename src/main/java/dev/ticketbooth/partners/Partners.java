package dev.ticketbooth.partners;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.config.DbTime;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.keys.SecretHashes;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Partners: one per platform integration, each with its token profile and key set. The one door
 * other packages use: reads go through this node's {@link PartnerCache}, writes are checked by
 * {@link PartnerRequests} and stored by {@link PartnerRepository}, and every write makes this
 * node forget its cached copy.
 */
@Service
public class Partners {

	private final PartnerRepository repository;

	private final PartnerCache cache;

	private final PartnerRequests requests;

	private final SecretHashes secretHashes;

	private final KeyRotation keys;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Partners(PartnerRepository repository, PartnerCache cache, PartnerRequests requests, SecretHashes secretHashes,
			KeyRotation keys, TransactionTemplate transactions, Clock clock) {
		this.keys = keys;
		this.repository = repository;
		this.cache = cache;
		this.requests = requests;
		this.secretHashes = secretHashes;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A partner and, when we generated it, its callback password (shown this once). */
	public record Created(Partner partner, String callbackPassword) {
	}

	/**
	 * The partner, from this node's memory when read within {@code ticketbooth.playback.partner-cache-ttl}
	 * (5 s): changes made here apply at once, changes made on another node within the TTL.
	 */
	public Optional<Partner> find(String id) {
		return id == null ? Optional.empty() : cache.get(id, repository::find);
	}

	public Partner get(String id) {
		return find(id).orElseThrow(() -> unknown(id));
	}

	public List<Partner> list() {
		return repository.list();
	}

	/**
	 * Creates the partner and its callback credentials in one transaction: a taken callback
	 * username (409) leaves no partner behind. Nothing here reads through the partner cache, so
	 * a rolled-back partner is never remembered either. A partner whose platform does not read our
	 * JWKS first marks its key set as needing vendor key ids ({@link KeyRotation#requireVendorKeyIds}).
	 */
	public Created create(PartnerRequest request) {
		PartnerRequests.Checked checked = requests.check(request, DbTime.now(clock));
		Partner partner = checked.partner();
		if (!partner.profile().dialect().readsOurJwks()) {
			// before the partner exists, so no rotation can slip in between; a set marked for a
			// partner that then fails to be created (duplicate id) only asks for ids it did not need
			keys.requireVendorKeyIds(partner.keySet());
		}
		transactions.executeWithoutResult(status -> {
			try {
				repository.insert(partner);
			}
			catch (DuplicateKeyException ex) {
				throw ApiProblemException.conflict("partner-exists", "A partner with id '" + partner.id() + "' already exists");
			}
			if (partner.callbackUsername() != null) {
				storeCallbackCredentials(partner.id(), partner.callbackUsername(), checked.callbackSecret());
			}
		});
		boolean generated = partner.callbackUsername() != null && request.callbackPassword() == null;
		return new Created(partner, generated ? checked.callbackSecret() : null);
	}

	/**
	 * Replaces every setting of the partner but its id, profile and callback credentials (those
	 * have {@link #setCallbackCredentials}), checked as at creation, in one statement. Nulls take
	 * the profile's defaults, as at creation. Moving a partner whose platform does not read our JWKS
	 * to another key set marks that set as needing vendor key ids.
	 */
	public Partner update(String id, PartnerRequest request) {
		Partner existing = repository.find(id).orElseThrow(() -> unknown(id));
		PartnerRequest same = new PartnerRequest(id, existing.profile().wireName(), request.keySet(), request.issuer(),
				request.audience(), request.defaultLifetimeSeconds(), request.maxLifetimeSeconds(), request.claimNames(),
				request.urlTemplates(), request.libraryTokens(), null, null, request.allowPlainUserIds(), request.rules(),
				request.algorithm(), request.settings());
		Partner checked = requests.check(same, existing.createdAt()).partner();
		Partner updated = new Partner(id, checked.profile(), checked.keySet(), checked.algorithm(), checked.issuer(),
				checked.audience(), checked.defaultLifetime(), checked.maxLifetime(), checked.claimNames(),
				checked.urlTemplates(), checked.libraryTokens(), existing.callbackUsername(), checked.allowPlainUserIds(),
				checked.rules(), existing.createdAt(), checked.settings());
		if (!updated.profile().dialect().readsOurJwks() && !updated.keySet().equals(existing.keySet())) {
			keys.requireVendorKeyIds(updated.keySet());
		}
		cache.forget(id);
		if (!repository.update(updated)) {
			throw unknown(id);
		}
		cache.forget(id);
		return updated;
	}

	/** Replaces the partner-wide decision rules (IPs, origins, countries, time windows). */
	public Partner setRules(String id, Map<String, Object> rules) {
		get(id);
		repository.updateRules(id, PartnerRules.parse(rules));
		cache.forget(id);
		return get(id);
	}

	/** Replaces the partner's viewer limits (streams, devices, single use). */
	public Partner setViewerLimits(String id, ViewerLimits limits) {
		get(id);
		repository.updateViewerLimits(id, limits);
		cache.forget(id);
		return get(id);
	}

	/** Sets the callback credentials; a null password is generated. Returns the password once. */
	public String setCallbackCredentials(String id, String username, String password) {
		get(id);
		String secret = PartnerRequests.callbackSecret(username, password);
		storeCallbackCredentials(id, username, secret);
		return secret;
	}

	public void delete(String id) {
		cache.forget(id);
		if (!repository.delete(id)) {
			throw unknown(id);
		}
	}

	/** The partner whose callback username this is, if its password matches; constant time either way. */
	public Optional<Partner> authenticateCallback(String username, String password) {
		Optional<PartnerRepository.CallbackCredentials> stored = username == null ? Optional.empty()
				: repository.callbackCredentials(username);
		// the same one check whether the username exists or not; the partner itself from the cache
		boolean matches = secretHashes.matches(password, stored.map(PartnerRepository.CallbackCredentials::secretHash)
			.orElse(null));
		return matches ? find(stored.get().partnerId()) : Optional.empty();
	}

	private void storeCallbackCredentials(String id, String username, String secret) {
		try {
			repository.updateCallbackCredentials(id, username, secretHashes.hash(secret));
			cache.forget(id);
		}
		catch (DuplicateKeyException ex) {
			throw ApiProblemException.conflict("callback-username-taken", "Another partner uses callback username '" + username + "'");
		}
	}

	private static ApiProblemException unknown(String id) {
		return ApiProblemException.notFound("unknown-partner", "No partner '" + id + "'");
	}
}
