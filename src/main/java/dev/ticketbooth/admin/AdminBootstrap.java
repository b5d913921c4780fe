package dev.ticketbooth.admin;

import java.security.SecureRandom;
import java.util.Base64;

import dev.ticketbooth.config.InitialData;
import dev.ticketbooth.config.TicketboothProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;

/**
 * First start with no admin: create {@code admin} with {@code TICKETBOOTH_ADMIN_PASSWORD}, or
 * with a generated password that is logged this once (it is never stored in clear). Runs before
 * the port opens, so the first request already finds the admin. A chosen password under 12
 * characters, the minimum for every operator, stops the start ({@link WeakAdminPasswordException}).
 */
class AdminBootstrap implements InitialData {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	static final String USERNAME = "admin";

	private final AdminAccounts accounts;

	private final TicketboothProperties properties;

	AdminBootstrap(AdminAccounts accounts, TicketboothProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public void create() {
		if (accounts.any()) {
			return;
		}
		String password = properties.adminPassword();
		if (password != null && !password.isBlank()) {
			if (password.length() < AdminAccounts.MIN_PASSWORD_LENGTH) {
				throw new WeakAdminPasswordException(password.length());
			}
			if (createFirstAdmin(password)) {
				log.info("Created admin user '{}' with the password from TICKETBOOTH_ADMIN_PASSWORD", USERNAME);
			}
			return;
		}
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		if (!createFirstAdmin(password)) {
			return; // never show a password that does not work
		}
		log.warn("Created admin user '{}' with generated password: {}  (shown this once; set "
				+ "TICKETBOOTH_ADMIN_PASSWORD on first start to choose it)", USERNAME, password);
	}

	/** False when another node of the cluster, starting at the same moment, created it first. */
	private boolean createFirstAdmin(String password) {
		try {
			accounts.createFirstAdmin(USERNAME, password);
			return true;
		}
		catch (DuplicateKeyException ex) {
			log.info("Admin user '{}' was created by another node starting at the same time", USERNAME);
			return false;
		}
	}
}
