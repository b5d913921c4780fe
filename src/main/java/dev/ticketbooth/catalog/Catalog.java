package dev.ticketbooth.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.config.DbTime;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Videos, collections, and which videos sit in which collections. */
@Service
public class Catalog {

	/**
	 * Platform ids are URL-safe tokens, nothing that needs escaping in a player URL; or an AWS ARN
	 * ({@code arn:aws:ivs:eu-west-1:123456789012:channel/AbCd1234}: an IVS channel is known by it),
	 * whose resource part may hold {@code :} and {@code /} between tokens, never a {@code .} or
	 * {@code ..} segment. Up to 200 characters (checked apart).
	 */
	static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9._~-]{1,200}"
			+ "|arn:[a-z0-9-]{1,32}:[a-z0-9-]{1,64}:[a-z0-9-]{0,32}:[0-9]{0,12}:(?!\\.{1,2}(?:[:/]|$))[A-Za-z0-9._~-]+"
			+ "(?:[:/](?!\\.{1,2}(?:[:/]|$))[A-Za-z0-9._~-]+)*");

	private static final int MAX_VIDEO_ID = 200;

	static final Pattern COLLECTION_ID = Pattern.compile("[A-Za-z0-9._~-]{1,100}");

	private static final int MAX_DEPTH = 16;

	private static final RowMapper<Video> VIDEO_ROW = (rs, row) -> new Video(rs.getString("id"), rs.getString("title"),
			DbTime.read(rs, "created_at"));

	private static final RowMapper<Collection> COLLECTION_ROW = Catalog::mapCollection;

	private static final String COLLECTION_COLUMNS = "id, kind, title, external_id, parent_id, created_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public Catalog(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Video createVideo(String id, String title) {
		requireId(id == null || id.length() > MAX_VIDEO_ID ? null : id, VIDEO_ID, "invalid-video-id",
				"A video id is 1-200 characters of letters, digits and . _ ~ -, or an ARN (arn:aws:ivs:<region>:<account>:channel/<id>)");
		Video video = new Video(id, title == null || title.isBlank() ? id : limit(title, 500), DbTime.now(clock));
		try {
			jdbc.sql("INSERT INTO videos (id, title, created_at) VALUES (?, ?, ?)")
				.params(video.id(), video.title(), DbTime.bind(video.createdAt())).update();
		}
		catch (DuplicateKeyException ex) {
			throw ApiProblemException.conflict("video-exists", "Video '" + id + "' already exists");
		}
		return video;
	}

	/** A new video placed in the given collections, all in one transaction: an unknown collection leaves no video behind. */
	@Transactional
	public Video createVideo(String id, String title, List<String> collectionIds) {
		Video video = createVideo(id, title);
		for (String collectionId : collectionIds) {
			addVideos(collectionId, List.of(video.id()));
		}
		return video;
	}

	public Optional<Video> findVideo(String id) {
		return jdbc.sql("SELECT id, title, created_at FROM videos WHERE id = ?").param(id).query(VIDEO_ROW).optional();
	}

	public Video video(String id) {
		return findVideo(id).orElseThrow(() -> ApiProblemException.notFound("unknown-video", "No video '" + id + "'"));
	}

	public List<Video> videos(int offset, int limit) {
		return jdbc.sql("SELECT id, title, created_at FROM videos ORDER BY id LIMIT ? OFFSET ?").params(limit, offset)
			.query(VIDEO_ROW).list();
	}

	public void deleteVideo(String id) {
		if (jdbc.sql("DELETE FROM videos WHERE id = ?").param(id).update() == 0) {
			throw ApiProblemException.notFound("unknown-video", "No video '" + id + "'");
		}
		changed("video " + id);
	}

	public Collection createCollection(String id, CollectionKind kind, String title, String externalId, String parentId) {
		requireId(id, COLLECTION_ID, "invalid-collection-id",
				"A collection id is 1-100 characters of letters, digits and . _ ~ -");
		if (parentId != null) {
			collection(parentId);
		}
		Collection collection = new Collection(id, kind, title == null || title.isBlank() ? id : limit(title, 500),
				externalId == null ? null : limit(externalId, 200), parentId, DbTime.now(clock));
		try {
			jdbc.sql("INSERT INTO collections (" + COLLECTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
				.params(id, kind.name(), collection.title(), collection.externalId(), parentId,
						DbTime.bind(collection.createdAt()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw ApiProblemException.conflict("collection-exists", "Collection '" + id + "' already exists");
		}
		return collection;
	}

	/**
	 * A new collection with its videos and roles, all in one transaction: an unknown video or a bad
	 * role leaves no collection behind.
	 */
	@Transactional
	public Collection createCollection(String id, CollectionKind kind, String title, String externalId, String parentId,
			List<String> videoIds, List<String> roles) {
		Collection collection = createCollection(id, kind, title, externalId, parentId);
		if (!videoIds.isEmpty()) {
			addVideos(id, videoIds);
		}
		if (!roles.isEmpty()) {
			setRoles(id, roles);
		}
		return collection;
	}

	public Optional<Collection> findCollection(String id) {
		return jdbc.sql("SELECT " + COLLECTION_COLUMNS + " FROM collections WHERE id = ?").param(id).query(COLLECTION_ROW)
			.optional();
	}

	public Collection collection(String id) {
		return findCollection(id)
			.orElseThrow(() -> ApiProblemException.notFound("unknown-collection", "No collection '" + id + "'"));
	}

	public List<Collection> collections() {
		return jdbc.sql("SELECT " + COLLECTION_COLUMNS + " FROM collections ORDER BY id").query(COLLECTION_ROW).list();
	}

	/**
	 * Deletes the collection with its video placements, roles and grants. Refused (409) while other
	 * collections sit in it, as seasons in their series: deleting those too would take their own
	 * grants and roles without the operator naming them, so they go first.
	 */
	public void deleteCollection(String id) {
		List<String> children = children(id);
		if (!children.isEmpty()) {
			throw inUse(id, children);
		}
		int deleted;
		try {
			deleted = jdbc.sql("DELETE FROM collections WHERE id = ?").param(id).update();
		}
		catch (DataIntegrityViolationException ex) {
			// a collection was placed in it since the check
			throw inUse(id, children(id));
		}
		if (deleted == 0) {
			throw ApiProblemException.notFound("unknown-collection", "No collection '" + id + "'");
		}
		changed("collection " + id);
	}

	/** The collections directly inside this one (at most 100, for an error message). */
	private List<String> children(String id) {
		return jdbc.sql("SELECT id FROM collections WHERE parent_id = ? ORDER BY id LIMIT 100").param(id)
			.query(String.class).list();
	}

	private static ApiProblemException inUse(String id, List<String> children) {
		return new ApiProblemException(HttpStatus.CONFLICT, "collection-in-use", "Collection '" + id
				+ "' still holds collections " + children + "; delete those first", Map.of("collections", children));
	}

	@Transactional
	public void addVideos(String collectionId, List<String> videoIds) {
		collection(collectionId);
		for (String videoId : videoIds) {
			video(videoId);
			jdbc.sql("DELETE FROM collection_videos WHERE collection_id = ? AND video_id = ?").params(collectionId, videoId)
				.update();
			jdbc.sql("INSERT INTO collection_videos (collection_id, video_id) VALUES (?, ?)").params(collectionId, videoId)
				.update();
		}
		changed("collection " + collectionId);
	}

	public void removeVideo(String collectionId, String videoId) {
		if (jdbc.sql("DELETE FROM collection_videos WHERE collection_id = ? AND video_id = ?").params(collectionId, videoId)
			.update() == 0) {
			throw ApiProblemException.notFound("not-in-collection",
					"Video '" + videoId + "' is not in collection '" + collectionId + "'");
		}
		changed("collection " + collectionId);
	}

	public List<String> videoIds(String collectionId) {
		return jdbc.sql("SELECT video_id FROM collection_videos WHERE collection_id = ? ORDER BY video_id")
			.param(collectionId).query(String.class).list();
	}

	/** The collections directly holding the video. */
	public List<String> parentsOf(String videoId) {
		return jdbc.sql("SELECT collection_id FROM collection_videos WHERE video_id = ? ORDER BY collection_id")
			.param(videoId).query(String.class).list();
	}

	/** The collections holding the video, and every collection enclosing those (season → series). */
	public Set<String> collectionsCovering(String videoId) {
		Set<String> covering = new LinkedHashSet<>();
		List<String> frontier = new ArrayList<>(parentsOf(videoId));
		for (int depth = 0; depth < MAX_DEPTH && !frontier.isEmpty(); depth++) {
			List<String> next = new ArrayList<>();
			for (String id : frontier) {
				if (covering.add(id)) {
					findCollection(id).map(Collection::parentId).ifPresent(next::add);
				}
			}
			frontier = next;
		}
		return covering;
	}

	/** Replaces the collection's roles in one transaction; every role is checked before any is removed. */
	@Transactional
	public void setRoles(String collectionId, List<String> roles) {
		collection(collectionId);
		List<String> valid = roles.stream().map(Roles::valid).distinct().toList();
		jdbc.sql("DELETE FROM collection_roles WHERE collection_id = ?").param(collectionId).update();
		for (String role : valid) {
			jdbc.sql("INSERT INTO collection_roles (collection_id, role) VALUES (?, ?)").params(collectionId, role).update();
		}
		changed("collection " + collectionId);
	}

	private void changed(String what) {
		events.publishEvent(new dev.ticketbooth.entitlements.EntitlementsChanged(what));
	}

	public List<String> roles(String collectionId) {
		return jdbc.sql("SELECT role FROM collection_roles WHERE collection_id = ? ORDER BY role").param(collectionId)
			.query(String.class).list();
	}

	private static void requireId(String id, Pattern pattern, String code, String message) {
		if (id == null || !pattern.matcher(id).matches()) {
			throw ApiProblemException.badRequest(code, message);
		}
	}

	private static String limit(String value, int max) {
		if (value.length() > max) {
			throw ApiProblemException.badRequest("value-too-long", "A value is longer than " + max + " characters");
		}
		return value;
	}

	private static Collection mapCollection(ResultSet rs, int row) throws SQLException {
		return new Collection(rs.getString("id"), CollectionKind.valueOf(rs.getString("kind")), rs.getString("title"),
				rs.getString("external_id"), rs.getString("parent_id"), DbTime.read(rs, "created_at"));
	}
}
