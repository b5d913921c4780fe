package dev.ticketbooth.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on what a caller may send, enforced while a request is read (see {@link RequestBodyLimitFilter}).
 *
 * @param maxBodySize the largest request body of any endpoint; also bounds Tomcat's own form parsing
 * @param maxImportSize the largest body of the bulk grant import ({@code POST /api/admin/grants/import}),
 *     which operators use for thousands of grants at once
 */
@Validated
@ConfigurationProperties("ticketbooth.http")
public record HttpProperties(@DefaultValue("1MB") DataSize maxBodySize,
		@DefaultValue("16MB") DataSize maxImportSize) {

	public HttpProperties {
		requirePositive("max-body-size", maxBodySize);
		requirePositive("max-import-size", maxImportSize);
	}

	private static void requirePositive(String name, DataSize value) {
		if (value == null || value.toBytes() <= 0) {
			throw new IllegalArgumentException("ticketbooth.http." + name + " must be positive");
		}
	}
}
