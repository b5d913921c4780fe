package dev.ticketbooth.geo;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ticketbooth.geo.database}: a MaxMind-format (.mmdb) country database. Unset means
 * {@code ${ticketbooth.home}/geo/country.mmdb} when that file exists; without one, country
 * rules fail closed.
 */
@ConfigurationProperties("ticketbooth.geo")
public record GeoProperties(Path database) {
}
