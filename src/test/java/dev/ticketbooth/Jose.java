package dev.ticketbooth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Assumptions;

/**
 * npm's {@code jose}, run with node, verifying our tokens as a platform would
 * ({@code src/test/js/verify.mjs}). Installs its locked dependencies on first use.
 */
public final class Jose {

	private static final Path DIR = Path.of("src/test/js").toAbsolutePath();

	private static boolean installed;

	private Jose() {
	}

	/** Verified against a live JWKS, with the issuer and audience a platform would require. */
	public static Map<String, Object> verifyWithJwks(String jwksUrl, String token, String issuer, String audience) {
		return verifyWithJwks(jwksUrl, token, issuer, audience, "RS256");
	}

	/** The same, for a platform configured to accept only {@code algorithm}. */
	public static Map<String, Object> verifyWithJwks(String jwksUrl, String token, String issuer, String audience,
			String algorithm) {
		return run("jwks", jwksUrl, token, issuer == null ? "-" : issuer, audience == null ? "-" : audience, algorithm);
	}

	/** Verified with a public key PEM (SPKI), as Vidbeo does with the key uploaded to it. */
	public static Map<String, Object> verifyWithSpki(String pem, String token) {
		return verifyWithSpki(pem, token, "RS256");
	}

	/** The same, for a platform configured to accept only {@code algorithm}. */
	public static Map<String, Object> verifyWithSpki(String pem, String token, String algorithm) {
		return verifyWithSpki(pem, token, algorithm, null);
	}

	/**
	 * The same, checking {@code exp} and {@code nbf} at {@code now}: the test server's clock, which
	 * tests move ahead, so a token minted at its time is not "not yet valid" in real time.
	 */
	public static Map<String, Object> verifyWithSpki(String pem, String token, String algorithm, java.time.Instant now) {
		try {
			Path file = Files.createTempFile("ticketbooth-spki-", ".pem");
			Files.writeString(file, pem);
			try {
				return run(now, "spki", file.toString(), token, algorithm);
			}
			finally {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A package installed from src/test/js's lock file, e.g. the country database. */
	public static Path module(String name) {
		install();
		return DIR.resolve("node_modules").resolve(name);
	}

	/**
	 * What a CDN's own published signer makes of {@code request} ({@code src/test/js/cdn-sign.mjs}):
	 * {@code cloudfront} with npm's {@code @aws-sdk/cloudfront-signer}, {@code akamai} with npm's
	 * {@code akamai-edgeauth}. The request goes through a file, never the command line.
	 */
	public static Map<String, Object> cdnSign(String mode, Map<String, Object> request) {
		try {
			Path file = Files.createTempFile("ticketbooth-cdn-", ".json");
			try {
				Files.writeString(file, JSONObjectUtils.toJSONString(request));
				return script("cdn-sign.mjs", mode, file.toString());
			}
			finally {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs another script of src/test/js and returns the JSON object it printed last. */
	public static Map<String, Object> script(String script, String... args) {
		install();
		List<String> command = new ArrayList<>(List.of("node", script));
		command.addAll(List.of(args));
		return lastJson(exec(command, 120));
	}

	private static Map<String, Object> run(String... args) {
		return run(null, args);
	}

	private static Map<String, Object> run(java.time.Instant now, String... args) {
		install();
		List<String> command = new ArrayList<>(List.of("node", "verify.mjs"));
		command.addAll(List.of(args));
		return lastJson(exec(command, 60, now == null ? Map.of() : Map.of("JOSE_NOW", String.valueOf(now.getEpochSecond()))));
	}

	private static Map<String, Object> lastJson(String output) {
		try {
			return JSONObjectUtils.parse(output.strip().lines().reduce((a, b) -> b).orElse(""));
		}
		catch (ParseException ex) {
			throw new IllegalStateException("the script printed no JSON: " + output, ex);
		}
	}

	private static synchronized void install() {
		if (installed) {
			return;
		}
		try {
			exec(List.of("node", "--version"), 30);
		}
		catch (IllegalStateException ex) {
			if (Boolean.parseBoolean(System.getenv("TICKETBOOTH_REQUIRE_NODE"))) {
				throw ex;
			}
			Assumptions.abort("node is not installed (apt-get install nodejs npm); .ci/run installs it");
		}
		// the test JVMs run side by side (surefire forks): one installs while the others wait
		try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(DIR.resolve(".install.lock"),
				java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
				java.nio.channels.FileLock held = lock.lock()) {
			if (!Files.exists(DIR.resolve("node_modules/jose/package.json"))
					|| !Files.exists(DIR.resolve("node_modules/openid-client/package.json"))
					|| !Files.exists(DIR.resolve("node_modules/@ip-location-db/geo-whois-asn-country-mmdb/package.json"))
					|| !Files.exists(DIR.resolve("node_modules/@aws-sdk/cloudfront-signer/package.json"))
					|| !Files.exists(DIR.resolve("node_modules/akamai-edgeauth/package.json"))) {
				exec(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot lock " + DIR.resolve(".install.lock"), ex);
		}
		installed = true;
	}

	private static String exec(List<String> command, int seconds) {
		return exec(command, seconds, Map.of());
	}

	private static String exec(List<String> command, int seconds, Map<String, String> environment) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
			builder.environment().putAll(environment);
			Process process = builder.start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(String.join(" ", command) + " could not start: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
