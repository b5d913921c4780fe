package dev.ticketbooth.catalog;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API for videos and collections, under {@code /api/admin}. A video id ends the paths
 * that name one, so an ARN id keeps its {@code /}.
 */
@RestController
@RequestMapping("/api/admin")
class CatalogAdminController {

	private final Catalog catalog;

	CatalogAdminController(Catalog catalog) {
		this.catalog = catalog;
	}

	record NewVideo(String id, String title, List<String> collections) {
	}

	record NewCollection(String id, String kind, String title, String externalId, String parent, List<String> videos,
			List<String> roles) {
	}

	record CollectionView(String id, CollectionKind kind, String title, String externalId, String parent,
			List<String> videos, List<String> roles) {
	}

	record VideoView(String id, String title, List<String> collections) {
	}

	record VideoIds(List<String> videos) {
	}

	record RoleList(List<String> roles) {
	}

	@PostMapping(path = "/videos", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<VideoView> createVideo(@RequestBody NewVideo request) {
		Video video = catalog.createVideo(request.id(), request.title(),
				request.collections() == null ? List.of() : request.collections());
		return ResponseEntity.status(HttpStatus.CREATED).body(videoView(video));
	}

	@GetMapping("/videos")
	List<Video> videos(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
		return catalog.videos(Math.max(0, offset), Math.max(1, Math.min(limit, 1000)));
	}

	@GetMapping("/videos/{*id}")
	VideoView video(@PathVariable String id) {
		return videoView(catalog.video(videoId(id)));
	}

	@DeleteMapping("/videos/{*id}")
	ResponseEntity<Void> deleteVideo(@PathVariable String id) {
		catalog.deleteVideo(videoId(id));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/collections", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CollectionView> createCollection(@RequestBody NewCollection request) {
		Collection collection = catalog.createCollection(request.id(), CollectionKind.parse(request.kind()),
				request.title(), request.externalId(), request.parent(),
				request.videos() == null ? List.of() : request.videos(), request.roles() == null ? List.of() : request.roles());
		return ResponseEntity.status(HttpStatus.CREATED).body(collectionView(collection));
	}

	@GetMapping("/collections")
	List<Collection> collections() {
		return catalog.collections();
	}

	@GetMapping("/collections/{id}")
	CollectionView collection(@PathVariable String id) {
		return collectionView(catalog.collection(id));
	}

	@DeleteMapping("/collections/{id}")
	ResponseEntity<Void> deleteCollection(@PathVariable String id) {
		catalog.deleteCollection(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/collections/{id}/videos", consumes = MediaType.APPLICATION_JSON_VALUE)
	CollectionView addVideos(@PathVariable String id, @RequestBody VideoIds request) {
		catalog.addVideos(id, request.videos() == null ? List.of() : request.videos());
		return collectionView(catalog.collection(id));
	}

	@DeleteMapping("/collections/{id}/videos/{*videoId}")
	ResponseEntity<Void> removeVideo(@PathVariable String id, @PathVariable String videoId) {
		catalog.removeVideo(id, videoId(videoId));
		return ResponseEntity.noContent().build();
	}

	@PutMapping(path = "/collections/{id}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
	CollectionView setRoles(@PathVariable String id, @RequestBody RoleList request) {
		catalog.setRoles(id, request.roles() == null ? List.of() : request.roles());
		return collectionView(catalog.collection(id));
	}

	/**
	 * The video id at the end of the path, slashes included: an ARN id
	 * ({@code arn:aws:ivs:...:channel/AbCd}) is written as it is, since an encoded {@code %2F} is
	 * refused before any controller sees it.
	 */
	private static String videoId(String rest) {
		return rest.startsWith("/") ? rest.substring(1) : rest;
	}

	private VideoView videoView(Video video) {
		return new VideoView(video.id(), video.title(), catalog.parentsOf(video.id()));
	}

	private CollectionView collectionView(Collection c) {
		return new CollectionView(c.id(), c.kind(), c.title(), c.externalId(), c.parentId(), catalog.videoIds(c.id()),
				catalog.roles(c.id()));
	}
}
