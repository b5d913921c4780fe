package dev.ticketbooth.admin;

import dev.ticketbooth.users.EndUser;

import org.springframework.ui.Model;

/**
 * One section of the console's page of a user (grants, roles, and later sessions...). The page
 * shows every part bean in {@code @Order}; a new section is a new bean and a template fragment
 * named {@code part}, with no change to the page itself.
 */
interface UserPagePart {

	/** The template holding this part's {@code th:fragment="part"}, e.g. {@code admin/user-grants}. */
	String template();

	/** Puts what the fragment shows into the model. */
	void addTo(Model model, EndUser user);
}
