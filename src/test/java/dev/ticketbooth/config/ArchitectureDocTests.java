package dev.ticketbooth.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md maps each URL to the security filter chain that guards it, so a reader sees
 * the whole picture in one table. This test asks the running server's {@link FilterChainProxy}
 * which chain each documented URL really meets, and that every chain is documented.
 */
@TicketboothServerTest
class ArchitectureDocTests {

	/** A table row: | `METHOD /path` | `chainBean` | ... */
	private static final Pattern ROW = Pattern.compile("^\\|\\s*`(GET|POST|PUT|PATCH|DELETE) ([^`]+)`\\s*\\|\\s*`([A-Za-z]+)`\\s*\\|");

	@Autowired
	FilterChainProxy filterChainProxy;

	@Autowired
	ApplicationContext context;

	record Row(String method, String path, String chain) {
	}

	@Test
	void everyDocumentedUrlMeetsTheDocumentedChainAndEveryChainIsDocumented() throws IOException {
		List<Row> rows = rows();
		assertThat(rows).as("the URL table in docs/architecture.md").hasSizeGreaterThan(10);
		Map<String, SecurityFilterChain> chains = context.getBeansOfType(SecurityFilterChain.class);
		for (Row row : rows) {
			MockHttpServletRequest request = new MockHttpServletRequest(row.method(), row.path());
			request.setServletPath(row.path());
			String actual = filterChainProxy.getFilterChains().stream().filter(chain -> chain.matches(request)).findFirst()
				.flatMap(chain -> chains.entrySet().stream().filter(e -> e.getValue() == chain).map(Map.Entry::getKey)
					.findFirst())
				.orElse("none");
			assertThat(actual).as("%s %s", row.method(), row.path()).isEqualTo(row.chain());
		}
		assertThat(rows.stream().map(Row::chain).distinct()).as("every chain has a row")
			.containsAll(chains.keySet());
	}

	private static List<Row> rows() throws IOException {
		List<Row> rows = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of("docs/architecture.md"))) {
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				rows.add(new Row(row.group(1), row.group(2), row.group(3)));
			}
		}
		return rows;
	}
}
