package dev.ticketbooth.admin;

import dev.ticketbooth.decisions.RecentDenials;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.Partners;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Decisions: the latest denials with their reasons, of one partner or all, refreshing itself
 * every {@value #REFRESH_SECONDS} seconds (an HTTP {@code Refresh} header: no script) unless
 * paused. Where "my viewers see a black screen" gets answered.
 */
@Controller
class ConsoleDecisionsController {

	static final String DECISIONS = "admin/decisions";

	static final int REFRESH_SECONDS = 10;

	static final int SHOWN = 200;

	private final RecentDenials denials;

	private final Partners partners;

	ConsoleDecisionsController(RecentDenials denials, Partners partners) {
		this.denials = denials;
		this.partners = partners;
	}

	@GetMapping("/admin/decisions")
	String decisions(@RequestParam(required = false) String partner, @RequestParam(defaultValue = "false") boolean paused,
			Model model, HttpServletResponse response) {
		String chosen = Console.blankToNull(partner);
		boolean live = !paused;
		if (live) {
			response.setHeader("Refresh", String.valueOf(REFRESH_SECONDS));
		}
		model.addAttribute("partner", chosen);
		model.addAttribute("live", live);
		model.addAttribute("partners", partners.list().stream().map(Partner::id).toList());
		model.addAttribute("denials", denials.recent(chosen, SHOWN));
		model.addAttribute("refreshSeconds", REFRESH_SECONDS);
		model.addAttribute("retentionDays", RecentDenials.RETENTION.toDays());
		return DECISIONS;
	}
}
