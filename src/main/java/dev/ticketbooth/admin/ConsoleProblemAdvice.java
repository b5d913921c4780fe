package dev.ticketbooth.admin;

import dev.ticketbooth.config.ApiProblemException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A console page that cannot be shown (an unknown user, grant, partner...; a malformed form field)
 * answers with a plain page saying why and with the problem's status, never problem JSON, a 5xx
 * or a stack trace. The admin API keeps its problem JSON: this advice covers the console's
 * controllers only (a new console controller joins the list).
 */
@ControllerAdvice(assignableTypes = { ConsoleController.class, ConsoleKeysController.class, ConsoleUsersController.class,
		ConsoleGrantsController.class, ConsoleCatalogController.class, ConsoleWhyController.class,
		ConsolePartnersController.class, ConsoleProvidersController.class, ConsoleClientsController.class,
		ConsoleDecisionsController.class, ConsoleSessionsController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleProblemAdvice {

	static final String PROBLEM = "admin/problem";

	@ExceptionHandler(ApiProblemException.class)
	String problem(ApiProblemException ex, Model model, HttpServletResponse response) {
		return page(ex.status(), ex.getMessage(), model, response);
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class })
	String badForm(Exception ex, Model model, HttpServletResponse response) {
		String name = ex instanceof MissingServletRequestParameterException missing ? missing.getParameterName()
				: ((MethodArgumentTypeMismatchException) ex).getName();
		return page(HttpStatus.BAD_REQUEST, "The field '" + name + "' is missing or not valid.", model, response);
	}

	private static String page(HttpStatus status, String message, Model model, HttpServletResponse response) {
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		model.addAttribute("error", message);
		return PROBLEM;
	}
}
