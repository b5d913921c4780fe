package dev.ticketbooth.admin;

import java.time.Clock;

import dev.ticketbooth.decisions.DecisionExplanations;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Why can't U watch V": the collections holding the video, the grant or role that allows it (or
 * would), and every check of the decision with pass or fail. The answer is
 * {@link DecisionExplanations}'; this page only shows it.
 */
@Controller
class ConsoleWhyController {

	static final String WHY = "admin/why";

	private final DecisionExplanations explanations;

	private final Partners partners;

	private final EndUsers users;

	private final Clock clock;

	ConsoleWhyController(DecisionExplanations explanations, Partners partners, EndUsers users, Clock clock) {
		this.users = users;
		this.explanations = explanations;
		this.partners = partners;
		this.clock = clock;
	}

	@GetMapping("/admin/why")
	String why(@RequestParam(required = false) String user, @RequestParam(required = false) String video,
			@RequestParam(required = false) String partner, @RequestParam(required = false) String ip,
			@RequestParam(required = false) String origin, Model model) {
		model.addAttribute("video", video);
		model.addAttribute("partner", partner);
		model.addAttribute("ip", ip);
		model.addAttribute("origin", origin);
		model.addAttribute("partners", partners.list().stream().map(Partner::id).toList());
		// a user id (as the Decisions page links it) stands for its user
		String username = Console.blankToNull(user) == null ? null
				: users.findById(user.trim()).map(EndUser::username).orElse(user.trim());
		model.addAttribute("user", username);
		String videoId = Console.blankToNull(video);
		if (username != null && videoId != null) {
			Partner chosen = Console.blankToNull(partner) == null ? null : partners.get(partner.trim());
			model.addAttribute("explanation", explanations.explain(username, videoId, chosen, Console.blankToNull(ip),
					Console.blankToNull(origin), clock.instant()));
		}
		return WHY;
	}
}
