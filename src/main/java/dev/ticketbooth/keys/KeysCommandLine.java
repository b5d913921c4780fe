package dev.ticketbooth.keys;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ticketbooth.config.ApiProblemException;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ticketbooth.jar keys <command>}: the operator key API without a web server,
 * against the same database and key-encryption key. On PostgreSQL it works beside running nodes,
 * which notice the change within {@code ticketbooth.keys.refresh-interval}. The embedded H2 file
 * is open to one process only (it serves no port), so beside a running server the CLI says to
 * stop it or to use the admin API, which does the same.
 */
public final class KeysCommandLine {

	public static final String COMMAND = "keys";

	static final String USAGE = """
			usage: java -jar ticketbooth.jar keys <command> [options]

			  list                                   every key with its state and dates
			  rotate [--set S] [--algorithm A] [--force]
			                                         promote the NEXT key (refused while younger than
			                                         the prepublish lead time, or without the partner
			                                         key id a set's platform needs, unless --force)
			  revoke KID                             withdraw a key at once
			  import FILE [--set S] [--partner-key-id ID] [--activate] [--password-env VAR]
			                                         add a private key: PEM (PKCS#1, SEC1, PKCS#8,
			                                         encrypted PKCS#8 with the password in env VAR),
			                                         a private JWK, or either base64-encoded as
			                                         Mux and Cloudflare Stream hand them over
			  import-secret FILE --set S [--activate]
			                                         add a CDN's secret (Akamai key, bunny.net security
			                                         key), read from FILE, to an HS256 set
			  export KID [--out FILE]                the public key as SPKI PEM (never a secret)
			  set-partner-key-id KID ID              record the id a partner gave the key
			  create-set NAME [--algorithm A]... [--published]
			                                         a key set for a partner that cannot read the JWKS

			Spring options (--spring.datasource.url=..., --ticketbooth.home=...) go after the command.
			With the embedded database, stop the server first or use the admin API (/api/admin/keys).
			""";

	private KeysCommandLine() {
	}

	/**
	 * Runs one command in a context built from {@code application} (only what keys need); returns the
	 * process exit code (0 ok, 1 refused, 2 usage).
	 */
	public static int run(String[] args, Class<?> application) {
		return run(args, application, System.out, System.err);
	}

	static int run(String[] args, Class<?> application, PrintStream out, PrintStream err) {
		List<String> words = new ArrayList<>();
		List<String> springArgs = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			(args[i].startsWith("--spring.") || args[i].startsWith("--ticketbooth.") || args[i].startsWith("--logging.")
					? springArgs : words).add(args[i]);
		}
		if (words.isEmpty() || words.contains("--help") || words.contains("-h")) {
			out.print(USAGE);
			return words.isEmpty() ? 2 : 0;
		}
		springArgs.add("--ticketbooth.scheduling.enabled=false");
		springArgs.add("--ticketbooth.admin.bootstrap=false");
		springArgs.add("--ticketbooth.cli=true");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
			// a failure is one line on stderr (below), not Spring's report and a stack trace
			.properties("logging.level.root=WARN", "logging.level.dev.ticketbooth.keys.KeysCommandLine=INFO",
					"logging.level.org.springframework.boot.SpringApplication=OFF",
					"logging.level.org.springframework.boot.diagnostics=OFF", "logging.level.org.springframework.context=ERROR",
					"logging.level.com.zaxxer.hikari=OFF",
					"logging.level.org.flywaydb=OFF")
			.run(springArgs.toArray(String[]::new))) {
			return new Commands(context.getBean(KeyRing.class), context.getBean(KeyRotation.class),
					context.getBean(KeyProperties.class), out, err).execute(words);
		}
		catch (ApiProblemException | PemCodec.PemException ex) {
			err.println("error: " + ex.getMessage());
			return 1;
		}
		catch (UsageException | IllegalArgumentException ex) {
			err.println("error: " + ex.getMessage());
			err.print(USAGE);
			return 2;
		}
		catch (RuntimeException ex) {
			if (embeddedDatabaseInUse(ex)) {
				err.println("error: the embedded database is open in a running server; it admits one process at a time.");
				err.println("Stop the server and run this again, or do the same through the server's admin API, e.g.");
				err.println("  curl -u admin:PASSWORD http://localhost:8080/api/admin/keys");
				err.println("  curl -u admin:PASSWORD -X POST 'http://localhost:8080/api/admin/keys/rotate?force=true'");
				return 1;
			}
			KeyEncryptionKeyException kek = KeyEncryptionKeyFailureAnalyzer.find(ex);
			if (kek != null) {
				err.println("error: " + kek.getMessage());
				err.println(kek.action());
				return 1;
			}
			if (databaseFailure(ex)) {
				err.println("error: the database cannot be used: " + oneLine(root(ex)));
				return 1;
			}
			err.println("error: " + oneLine(root(ex)));
			return 1;
		}
	}

	private static boolean databaseFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.sql.SQLException || cause instanceof org.springframework.dao.DataAccessException
					|| cause.getClass().getName().startsWith("org.flywaydb.")) {
				return true;
			}
		}
		return false;
	}

	private static Throwable root(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String oneLine(Throwable ex) {
		String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
	}

	/** H2's "database may be already in use" (error 90020): another process holds the file. */
	private static boolean embeddedDatabaseInUse(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) {
				return true;
			}
		}
		return false;
	}

	static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}
	}

	private record Commands(KeyRing ring, KeyRotation rotation, KeyProperties properties, PrintStream out,
			PrintStream err) {

		int execute(List<String> words) {
			String command = words.get(0);
			Options options = Options.parse(words.subList(1, words.size()));
			switch (command) {
				case "list" -> list();
				case "rotate" -> rotation.rotate(options.value("--set", KeySet.DEFAULT),
						options.has("--algorithm") ? KeyAlgorithm.parse(options.value("--algorithm", null)) : null,
						options.flag("--force")).forEach(r -> out.println(describe(r)));
				case "revoke" -> out.println(line(rotation.revoke(options.positional(0, "KID"))));
				case "import" -> importKey(options);
				case "import-secret" -> importSecret(options);
				case "export" -> export(options);
				case "set-partner-key-id" ->
					out.println(line(rotation.setPartnerKeyId(options.positional(0, "KID"), options.positional(1, "ID"))));
				case "create-set" -> {
					List<KeyAlgorithm> algorithms = options.values("--algorithm").stream().map(KeyAlgorithm::parse).toList();
					KeySet set = rotation.createSet(options.positional(0, "NAME"),
							algorithms.isEmpty() ? List.of(KeyAlgorithm.RS256) : algorithms, options.flag("--published"));
					out.println("created key set " + set.name() + " " + set.algorithms());
				}
				default -> throw new UsageException("unknown command '" + command + "'");
			}
			return 0;
		}

		private void list() {
			out.printf("%-44s %-10s %-6s %-8s %-25s %s%n", "KID", "SET", "ALG", "STATE", "CREATED", "PARTNER KEY ID");
			ring.keys().forEach(k -> out.println(line(k)));
		}

		private String line(RingKey k) {
			return String.format("%-44s %-10s %-6s %-8s %-25s %s", k.kid(), k.keySet(), k.algorithm(), k.state(),
					k.createdAt(), k.partnerKeyId() == null ? "" : k.partnerKeyId());
		}

		private void importKey(Options options) {
			Path file = Path.of(options.positional(0, "FILE"));
			String pem;
			try {
				pem = Files.readString(file, StandardCharsets.US_ASCII);
			}
			catch (IOException ex) {
				throw ApiProblemException.badRequest("unreadable-file", "Cannot read " + file + ": " + ex.getMessage());
			}
			char[] password = null;
			if (options.has("--password-env")) {
				String value = System.getenv(options.value("--password-env", null));
				if (value == null) {
					throw new UsageException("environment variable " + options.value("--password-env", null) + " is not set");
				}
				password = value.toCharArray();
			}
			RingKey key = rotation.importKey(PrivateKeyText.readKeyPair(pem, password), options.value("--set", KeySet.DEFAULT),
					options.value("--partner-key-id", null), options.flag("--activate"));
			out.println(line(key));
		}

		/** From a file, never the command line: a secret in argv is visible to every user of the machine. */
		private void importSecret(Options options) {
			Path file = Path.of(options.positional(0, "FILE"));
			String secret;
			try {
				secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
			}
			catch (IOException ex) {
				throw ApiProblemException.badRequest("unreadable-file", "Cannot read " + file + ": " + ex.getMessage());
			}
			if (!options.has("--set")) {
				throw new UsageException("import-secret needs --set (an HS256 set)");
			}
			out.println(line(rotation.importSecret(secret, options.value("--set", null), null, options.flag("--activate"))));
		}

		private void export(Options options) {
			String kid = options.positional(0, "KID");
			RingKey key = ring.find(kid)
				.orElseThrow(() -> ApiProblemException.notFound("unknown-key", "No key with kid '" + kid + "'"));
			String pem = PemCodec.writePublicKey(key.exportablePublicKey());
			if (options.has("--out")) {
				Path target = Path.of(options.value("--out", null));
				try {
					Files.writeString(target, pem, StandardCharsets.US_ASCII);
				}
				catch (IOException ex) {
					throw ApiProblemException.badRequest("unwritable-file", "Cannot write " + target + ": " + ex.getMessage());
				}
				out.println("wrote " + target);
			}
			else {
				out.print(pem);
			}
		}

		private String describe(RotationResult r) {
			Instant promotable = r.nextPromotableAt();
			return r.set() + " " + r.algorithm() + ": " + r.outcome() + " active=" + r.activeKid() + " next=" + r.nextKid()
					+ (r.retiredKid() != null ? " retired=" + r.retiredKid() : "")
					+ (promotable != null ? " next promotable at " + promotable : "");
		}
	}

	/** {@code --name value}, {@code --flag} and positional words. */
	private record Options(Map<String, List<String>> named, List<String> positional) {

		private static final List<String> FLAGS = List.of("--force", "--activate", "--published");

		static Options parse(List<String> words) {
			Map<String, List<String>> named = new LinkedHashMap<>();
			List<String> positional = new ArrayList<>();
			for (int i = 0; i < words.size(); i++) {
				String word = words.get(i);
				if (FLAGS.contains(word)) {
					named.computeIfAbsent(word, k -> new ArrayList<>()).add("true");
				}
				else if (word.startsWith("--")) {
					if (i + 1 >= words.size()) {
						throw new UsageException(word + " needs a value");
					}
					named.computeIfAbsent(word, k -> new ArrayList<>()).add(words.get(++i));
				}
				else {
					positional.add(word);
				}
			}
			return new Options(named, positional);
		}

		boolean has(String name) {
			return named.containsKey(name);
		}

		boolean flag(String name) {
			return named.containsKey(name);
		}

		String value(String name, String fallback) {
			List<String> values = named.get(name);
			return values == null ? fallback : values.get(values.size() - 1);
		}

		List<String> values(String name) {
			return named.getOrDefault(name, List.of());
		}

		String positional(int index, String what) {
			if (index >= positional.size()) {
				throw new UsageException("missing " + what);
			}
			return positional.get(index);
		}
	}
}
