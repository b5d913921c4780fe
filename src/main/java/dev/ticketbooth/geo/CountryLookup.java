package dev.ticketbooth.geo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.maxmind.db.Reader;
import dev.ticketbooth.config.TicketboothProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The country of an IP address, from a local MaxMind-format database read with MaxMind's reader.
 * Both record layouts are understood: MaxMind's ({@code country.iso_code}) and ip-location-db's
 * ({@code country_code}). Look-ups are in memory; nothing leaves the machine.
 */
@Component
public class CountryLookup {

	private static final Logger log = LoggerFactory.getLogger(CountryLookup.class);

	private final Reader reader;

	private final Path source;

	public CountryLookup(GeoProperties geo, TicketboothProperties properties) {
		Path configured = geo.database();
		Path candidate = configured != null ? configured : properties.home().resolve("geo/country.mmdb");
		Reader opened = null;
		if (Files.isReadable(candidate)) {
			try {
				opened = new Reader(candidate.toFile());
				log.info("Country database: {} ({}, built {})", candidate, opened.getMetadata().databaseType(),
						opened.getMetadata().buildTime());
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot open the country database " + candidate + ": " + ex.getMessage(), ex);
			}
		}
		else if (configured != null) {
			throw new IllegalStateException("ticketbooth.geo.database " + configured + " is not a readable file");
		}
		else {
			log.info("No country database at {}: country rules will deny (see docs/decisions.md)", candidate);
		}
		this.reader = opened;
		this.source = candidate;
	}

	public boolean available() {
		return reader != null;
	}

	/** Lower-case ISO 3166-1 alpha-2, or empty when unknown (or no database). */
	@SuppressWarnings("unchecked")
	public Optional<String> country(InetAddress address) {
		if (reader == null) {
			return Optional.empty();
		}
		try {
			Map<String, Object> record = reader.get(address, Map.class);
			if (record == null) {
				return Optional.empty();
			}
			Object code = record.get("country_code");
			if (code == null && record.get("country") instanceof Map<?, ?> country) {
				code = country.get("iso_code");
			}
			return code == null ? Optional.empty() : Optional.of(code.toString().toLowerCase(Locale.ROOT));
		}
		catch (IOException ex) {
			log.warn("Country look-up failed in {}: {}", source, ex.toString());
			return Optional.empty();
		}
	}

	@PreDestroy
	void close() throws IOException {
		if (reader != null) {
			reader.close();
		}
	}
}
