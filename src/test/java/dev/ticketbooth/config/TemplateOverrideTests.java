package dev.ticketbooth.config;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.ticketbooth.TicketboothApplication;
import dev.ticketbooth.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator restyles the login page by dropping a template into ${ticketbooth.home}/templates/. */
class TemplateOverrideTests {

	@TempDir
	Path home;

	@Test
	void aTemplateInTheHomeFolderReplacesThePackagedOne() throws Exception {
		Path override = home.resolve("templates/login/login.html");
		Files.createDirectories(override.getParent());
		Files.writeString(override, """
				<!DOCTYPE html>
				<html xmlns:th="http://www.thymeleaf.org"><body>
				<h1>Welcome to ACME TV</h1>
				<form method="post" th:action="@{/login}"><input name="username"><input name="password" type="password"></form>
				</body></html>
				""");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TicketboothApplication.class).run(
				"--server.port=0", "--ticketbooth.home=" + home, "--ticketbooth.scheduling.enabled=false",
				"--ticketbooth.admin-password=test-admin-password")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String page = new WebSession(port).get("/login").body();
			assertThat(page).contains("Welcome to ACME TV", "name=\"_csrf\"");
			assertThat(new WebSession(port).get("/login/cancel").body()).as("others still packaged")
				.contains("Sign-in cancelled");
		}
	}
}
