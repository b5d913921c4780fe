package dev.ticketbooth.login;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A checked {@code /authorize?redirect_uri=...&uuid=...[&provider=...]} request. Anything doubtful
 * is rejected with a reason for the error page; a rejected request never redirects.
 */
record AuthorizeRequest(Provider provider, String redirectUri, String uuid) {

	/** Device ids are UUIDs, hex Android ids or base64; nothing that could break out of a claim. */
	private static final Pattern UUID = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

	private static final Set<String> SINGLE = Set.of("redirect_uri", "uuid", "provider");

	static final class Rejected extends RuntimeException {

		Rejected(String reason) {
			super(reason);
		}
	}

	static AuthorizeRequest parse(Map<String, String[]> parameters, Providers providers) {
		for (String name : SINGLE) {
			String[] values = parameters.get(name);
			if (values != null && values.length > 1) {
				throw new Rejected("The parameter '" + name + "' appears more than once.");
			}
		}
		Provider provider = provider(one(parameters, "provider"), providers);
		String requested = one(parameters, "redirect_uri");
		if (requested == null || requested.isEmpty()) {
			throw new Rejected("The sign-in link has no redirect address.");
		}
		String redirectUri = RedirectUris.match(requested, provider.redirectUris());
		if (redirectUri == null) {
			throw new Rejected("The redirect address is not registered for this app.");
		}
		String uuid = one(parameters, "uuid");
		if (uuid == null || !UUID.matcher(uuid).matches()) {
			throw new Rejected("The sign-in link has a missing or malformed device id.");
		}
		return new AuthorizeRequest(provider, redirectUri, uuid);
	}

	private static Provider provider(String id, Providers providers) {
		if (id != null) {
			return providers.find(id).orElseThrow(() -> new Rejected("The sign-in link names an unknown app."));
		}
		List<Provider> all = providers.list();
		if (all.size() != 1) {
			throw new Rejected("The sign-in link must name its app (provider).");
		}
		return all.get(0);
	}

	private static String one(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		return values == null || values.length == 0 ? null : values[0];
	}
}
