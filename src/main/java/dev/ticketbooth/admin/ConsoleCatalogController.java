package dev.ticketbooth.admin;

import java.util.Arrays;
import java.util.List;

import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.catalog.Collection;
import dev.ticketbooth.catalog.CollectionKind;
import dev.ticketbooth.config.ApiProblemException;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The catalog: videos (paged) and collections, what each collection holds, its roles; create,
 * place, remove and delete (deletes behind a confirmation). A video id travels as a parameter, not
 * a path segment, since an ARN id holds {@code /}. All through {@link Catalog}.
 */
@Controller
class ConsoleCatalogController {

	static final String CATALOG = "admin/catalog";

	static final String COLLECTION = "admin/collection";

	static final int PAGE_SIZE = 50;

	private final Catalog catalog;

	ConsoleCatalogController(Catalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/admin/catalog")
	String catalog(@RequestParam(defaultValue = "0") int page, Model model, Authentication operator) {
		int current = Math.max(0, page);
		List<?> videos = catalog.videos(current * PAGE_SIZE, PAGE_SIZE + 1);
		model.addAttribute("videos", videos.subList(0, Math.min(PAGE_SIZE, videos.size())));
		model.addAttribute("hasNext", videos.size() > PAGE_SIZE);
		model.addAttribute("page", current);
		model.addAttribute("collections", catalog.collections());
		model.addAttribute("kinds", Arrays.stream(CollectionKind.values()).map(k -> k.name().toLowerCase()).toList());
		model.addAttribute("canAct", Console.canAct(operator));
		return CATALOG;
	}

	@PostMapping("/admin/videos")
	String createVideo(@RequestParam String id, @RequestParam(required = false) String title,
			@RequestParam(defaultValue = "") String collections, RedirectAttributes flash) {
		try {
			catalog.createVideo(id.trim(), Console.blankToNull(title), list(collections));
			Console.done(flash, "Created video " + id.trim() + ".");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:/admin/catalog";
	}

	@GetMapping("/admin/videos/delete")
	String confirmDeleteVideo(@RequestParam String id, Model model) {
		catalog.video(id);
		Console.confirm(model, "Delete video " + id, "The video leaves every collection and its grants are removed; "
				+ "decisions about it answer unknown-video from now on.", "/admin/videos/delete", "/admin/catalog");
		model.addAttribute("hidden", java.util.Map.of("id", id));
		return Console.CONFIRM;
	}

	@PostMapping("/admin/videos/delete")
	String deleteVideo(@RequestParam String id, RedirectAttributes flash) {
		try {
			catalog.deleteVideo(id);
			Console.done(flash, "Deleted video " + id + ".");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:/admin/catalog";
	}

	@PostMapping("/admin/collections")
	String createCollection(@RequestParam String id, @RequestParam String kind, @RequestParam(required = false) String title,
			@RequestParam(required = false) String externalId, @RequestParam(required = false) String parent,
			@RequestParam(defaultValue = "") String roles, RedirectAttributes flash) {
		try {
			catalog.createCollection(id.trim(), CollectionKind.parse(kind), Console.blankToNull(title),
					Console.blankToNull(externalId), Console.blankToNull(parent), List.of(), list(roles));
			Console.done(flash, "Created collection " + id.trim() + ".");
			return "redirect:" + page(id.trim());
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
			return "redirect:/admin/catalog";
		}
	}

	@GetMapping("/admin/collections/{id}")
	String collection(@PathVariable String id, Model model, Authentication operator) {
		Collection collection = catalog.collection(id);
		model.addAttribute("c", collection);
		model.addAttribute("videos", catalog.videoIds(id));
		model.addAttribute("roles", catalog.roles(id));
		model.addAttribute("children", catalog.collections().stream().filter(c -> id.equals(c.parentId())).toList());
		model.addAttribute("canAct", Console.canAct(operator));
		return COLLECTION;
	}

	@PostMapping("/admin/collections/{id}/videos")
	String addVideos(@PathVariable String id, @RequestParam(defaultValue = "") String videos, RedirectAttributes flash) {
		return change(id, () -> catalog.addVideos(id, list(videos)), "Added " + list(videos) + " to " + id + ".", flash);
	}

	@PostMapping("/admin/collections/{id}/videos/remove")
	String removeVideo(@PathVariable String id, @RequestParam String video, RedirectAttributes flash) {
		return change(id, () -> catalog.removeVideo(id, video), "Removed " + video + " from " + id + ".", flash);
	}

	@PostMapping("/admin/collections/{id}/roles")
	String roles(@PathVariable String id, @RequestParam(defaultValue = "") String roles, RedirectAttributes flash) {
		return change(id, () -> catalog.setRoles(id, list(roles)), "Roles of " + id + ": " + list(roles) + ".", flash);
	}

	@GetMapping("/admin/collections/{id}/delete")
	String confirmDelete(@PathVariable String id, Model model) {
		catalog.collection(id);
		return Console.confirm(model, "Delete collection " + id, "The collection, its placements, roles and every grant "
				+ "on it are removed. Collections inside it must be deleted first.", page(id) + "/delete", page(id));
	}

	@PostMapping("/admin/collections/{id}/delete")
	String delete(@PathVariable String id, RedirectAttributes flash) {
		try {
			catalog.deleteCollection(id);
			Console.done(flash, "Deleted collection " + id + ".");
			return "redirect:/admin/catalog";
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
			return "redirect:" + page(id);
		}
	}

	private String change(String id, Runnable change, String done, RedirectAttributes flash) {
		try {
			change.run();
			Console.done(flash, done);
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:" + page(id);
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.split("[,\\s]+")).filter(v -> !v.isBlank()).toList();
	}

	private static String page(String id) {
		return "/admin/collections/" + UriUtils.encodePathSegment(id, java.nio.charset.StandardCharsets.UTF_8);
	}
}
