package dev.ticketbooth.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The home folder holds the database and the key-encryption key, so only the server's own user may
 * read it: {@code ticketbooth.home}, {@code data/} and {@code keys/} are created 0700 and the files in
 * {@code data/} and {@code keys/} are kept 0600, whatever the process umask. On file systems without
 * POSIX permissions nothing is changed.
 */
public final class HomeFolder {

	public static final String DATA = "data";

	public static final String KEYS = "keys";

	private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

	private HomeFolder() {
	}

	/** Creates home (0700, if missing), {@code data/} and {@code keys/} (0700), and tightens what they hold. */
	public static void prepare(Path home) {
		if (!posix()) {
			return;
		}
		try {
			if (!Files.exists(home)) {
				Files.createDirectories(home);
				Files.setPosixFilePermissions(home, FOLDER);
			}
			for (String name : new String[] { DATA, KEYS }) {
				Path folder = home.resolve(name);
				if (!Files.exists(folder)) {
					Files.createDirectory(folder);
				}
			}
			tighten(home);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the home folder " + home + ": " + ex.getMessage(), ex);
		}
	}

	/** {@code data/} and {@code keys/} back to 0700 and their files to 0600 (H2 creates its files with the umask). */
	public static void tighten(Path home) throws IOException {
		if (!posix()) {
			return;
		}
		for (String name : new String[] { DATA, KEYS }) {
			Path folder = home.resolve(name);
			if (!Files.isDirectory(folder)) {
				continue;
			}
			Files.setPosixFilePermissions(folder, FOLDER);
			try (Stream<Path> files = Files.list(folder)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					Files.setPosixFilePermissions(file, FILE);
				}
			}
		}
	}

	/** True when users other than the owner may list or read the home folder. */
	public static boolean openToOthers(Path home) throws IOException {
		return posix() && Files.getPosixFilePermissions(home).stream().anyMatch(OTHERS::contains);
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}
}
