package dev.ticketbooth.entitlements;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.config.Rfc3339;
import dev.ticketbooth.config.DbTime;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Storing grants, one at a time or imported in bulk (all or nothing). */
@Service
public class Grants {

	static final int MAX_IMPORT = 50_000;

	private static final Pattern QUALITY = Pattern.compile("[A-Za-z0-9_-]{1,20}");

	private static final Pattern EXTERNAL_REF = Pattern.compile("[\\x21-\\x7e]{1,200}");

	static final String COLUMNS = "id, user_id, collection_id, video_id, kind, quality, stream_count, valid_from, "
			+ "valid_until, external_ref, created_at";

	static final RowMapper<Grant> ROW = Grants::map;

	private final JdbcClient jdbc;

	private final EndUsers users;

	private final Catalog catalog;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	public Grants(JdbcClient jdbc, EndUsers users, Catalog catalog, Clock clock, ApplicationEventPublisher events,
			TransactionTemplate transactions) {
		this.transactions = transactions;
		this.events = events;
		this.jdbc = jdbc;
		this.users = users;
		this.catalog = catalog;
		this.clock = clock;
	}

	/**
	 * Adds a grant, or updates the user's grant with the same external_ref. Two saves of one
	 * external_ref at the same moment both find none and both insert; the database keeps one, and
	 * the other is then retried as the update it is (never a 500).
	 */
	public Grant save(GrantRequest request) {
		try {
			return transactions.execute(status -> saveOnce(request));
		}
		catch (DuplicateKeyException ex) {
			return transactions.execute(status -> saveOnce(request));
		}
	}

	private Grant saveOnce(GrantRequest request) {
		Grant grant = validate(request);
		Optional<String> existing = grant.externalRef() == null ? Optional.empty()
				: jdbc.sql("SELECT id FROM grants WHERE user_id = ? AND external_ref = ?")
					.params(grant.userId(), grant.externalRef()).query(String.class).optional();
		if (existing.isPresent()) {
			Grant updated = new Grant(existing.get(), grant.userId(), grant.collectionId(), grant.videoId(), grant.kind(),
					grant.quality(), grant.streamCount(), grant.validFrom(), grant.validUntil(), grant.externalRef(),
					grant.createdAt());
			jdbc.sql("UPDATE grants SET collection_id = ?, video_id = ?, kind = ?, quality = ?, stream_count = ?, "
					+ "valid_from = ?, valid_until = ? WHERE id = ?")
				.params(updated.collectionId(), updated.videoId(), updated.kind().name(), updated.quality(),
						updated.streamCount(), DbTime.bind(updated.validFrom()), DbTime.bind(updated.validUntil()),
						updated.id())
				.update();
			events.publishEvent(new EntitlementsChanged("grant " + updated.id()));
			return updated;
		}
		jdbc.sql("INSERT INTO grants (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(grant.id(), grant.userId(), grant.collectionId(), grant.videoId(), grant.kind().name(), grant.quality(),
					grant.streamCount(), DbTime.bind(grant.validFrom()), DbTime.bind(grant.validUntil()),
					grant.externalRef(), DbTime.bind(grant.createdAt()))
			.update();
		events.publishEvent(new EntitlementsChanged("grant " + grant.id()));
		return grant;
	}

	/**
	 * A JSON import: every grant checked first; any bad one refuses the whole import (400 with
	 * each one's error, by its {@code index} in the array, from 0).
	 */
	@Transactional
	public int importAll(List<GrantRequest> requests) {
		List<Numbered> numbered = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			numbered.add(new Numbered("index", i, requests.get(i)));
		}
		return importNumbered(numbered);
	}

	/** A CSV import, the same, with each error at its {@code line} of the file (the header is line 1). */
	@Transactional
	public int importCsv(String csv) {
		return importNumbered(GrantCsv.parse(csv == null ? "" : csv).stream().map(l -> new Numbered("line", l.number(), l.request())).toList());
	}

	private record Numbered(String place, int number, GrantRequest request) {
	}

	private int importNumbered(List<Numbered> requests) {
		if (requests.size() > MAX_IMPORT) {
			throw ApiProblemException.badRequest("import-too-large", "At most " + MAX_IMPORT + " grants per import");
		}
		List<Map<String, Object>> errors = new ArrayList<>();
		for (Numbered numbered : requests) {
			try {
				validate(numbered.request());
			}
			catch (ApiProblemException ex) {
				Map<String, Object> error = new LinkedHashMap<>();
				error.put(numbered.place(), numbered.number());
				error.put("code", ex.code());
				error.put("detail", ex.getMessage());
				errors.add(error);
				if (errors.size() >= 100) {
					break;
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid-grants",
					errors.size() + " grant(s) are invalid; nothing was imported", Map.of("errors", errors));
		}
		try {
			requests.forEach(numbered -> saveOnce(numbered.request()));
		}
		catch (DuplicateKeyException ex) {
			throw ApiProblemException.conflict("import-conflict", "Another request saved a grant with the same user and "
					+ "external_ref at the same moment; nothing was imported: send the file again");
		}
		return requests.size();
	}

	/**
	 * Changes a grant in place (same id, same user): what it covers, its kind, quality, streams,
	 * validity and external_ref, checked as a new grant is.
	 */
	@Transactional
	public Grant update(String id, GrantRequest request) {
		Grant existing = get(id);
		Grant checked = validate(request);
		if (!checked.userId().equals(existing.userId())) {
			throw ApiProblemException.badRequest("invalid-grant", "A grant stays with its user; add a new one instead");
		}
		Grant updated = new Grant(id, existing.userId(), checked.collectionId(), checked.videoId(), checked.kind(),
				checked.quality(), checked.streamCount(), checked.validFrom(), checked.validUntil(), checked.externalRef(),
				existing.createdAt());
		try {
			jdbc.sql("UPDATE grants SET collection_id = ?, video_id = ?, kind = ?, quality = ?, stream_count = ?, "
					+ "valid_from = ?, valid_until = ?, external_ref = ? WHERE id = ?")
				.params(updated.collectionId(), updated.videoId(), updated.kind().name(), updated.quality(),
						updated.streamCount(), DbTime.bind(updated.validFrom()), DbTime.bind(updated.validUntil()),
						updated.externalRef(), id)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw ApiProblemException.conflict("external-ref-taken",
					"The user has another grant with external_ref '" + updated.externalRef() + "'");
		}
		events.publishEvent(new EntitlementsChanged("grant " + id));
		return updated;
	}

	public List<Grant> forUser(String userId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM grants WHERE user_id = ? ORDER BY created_at, id").param(userId)
			.query(ROW).list();
	}

	public Grant get(String id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM grants WHERE id = ?").param(id).query(ROW).optional()
			.orElseThrow(() -> ApiProblemException.notFound("unknown-grant", "No grant '" + id + "'"));
	}

	public void delete(String id) {
		if (jdbc.sql("DELETE FROM grants WHERE id = ?").param(id).update() == 0) {
			throw ApiProblemException.notFound("unknown-grant", "No grant '" + id + "'");
		}
		events.publishEvent(new EntitlementsChanged("grant " + id));
	}

	private Grant validate(GrantRequest request) {
		if (request == null || request.user() == null) {
			throw ApiProblemException.badRequest("invalid-grant", "A grant names its user");
		}
		EndUser user = users.findByUsername(request.user())
			.orElseThrow(() -> ApiProblemException.badRequest("unknown-user", "No user named '" + request.user() + "'"));
		boolean hasCollection = request.collection() != null && !request.collection().isEmpty();
		boolean hasVideo = request.video() != null && !request.video().isEmpty();
		if (hasCollection == hasVideo) {
			throw ApiProblemException.badRequest("invalid-grant-target", "A grant names exactly one of collection or video");
		}
		if (hasCollection && catalog.findCollection(request.collection()).isEmpty()) {
			throw ApiProblemException.badRequest("unknown-collection", "No collection '" + request.collection() + "'");
		}
		if (hasVideo && catalog.findVideo(request.video()).isEmpty()) {
			throw ApiProblemException.badRequest("unknown-video", "No video '" + request.video() + "'");
		}
		if (request.quality() != null && !QUALITY.matcher(request.quality()).matches()) {
			throw ApiProblemException.badRequest("invalid-quality", "A quality is 1-20 letters, digits, _ or -");
		}
		if (request.streamCount() != null && (request.streamCount() < 1 || request.streamCount() > 1000)) {
			throw ApiProblemException.badRequest("invalid-stream-count", "A stream count is 1-1000");
		}
		if (request.externalRef() != null && !EXTERNAL_REF.matcher(request.externalRef()).matches()) {
			throw ApiProblemException.badRequest("invalid-external-ref", "An external_ref is 1-200 printable characters");
		}
		Instant from = time("valid_from", request.validFrom());
		Instant until = time("valid_until", request.validUntil());
		if (from != null && until != null && !from.isBefore(until)) {
			throw ApiProblemException.badRequest("invalid-validity", "valid_from must be before valid_until");
		}
		return new Grant(UUID.randomUUID().toString(), user.id(), hasCollection ? request.collection() : null,
				hasVideo ? request.video() : null, GrantKind.parse(request.kind()), request.quality(),
				request.streamCount(), from, until, request.externalRef(), DbTime.now(clock));
	}

	private static Instant time(String field, String value) {
		return Rfc3339.parse(field, value);
	}

	private static Grant map(ResultSet rs, int row) throws SQLException {
		Integer streamCount = rs.getObject("stream_count", Integer.class);
		return new Grant(rs.getString("id"), rs.getString("user_id"), rs.getString("collection_id"),
				rs.getString("video_id"), GrantKind.valueOf(rs.getString("kind")), rs.getString("quality"),
				streamCount, DbTime.read(rs, "valid_from"), DbTime.read(rs, "valid_until"),
				rs.getString("external_ref"), DbTime.read(rs, "created_at"));
	}
}
