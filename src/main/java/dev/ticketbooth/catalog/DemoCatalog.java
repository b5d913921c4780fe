package dev.ticketbooth.catalog;

import java.util.List;

import dev.ticketbooth.config.InitialData;

import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Profile {@code demo}: course-java (vid-java-1, vid-java-2) and premium (vid-premium-1). */
@Component
@Profile("demo")
@Order(30)
class DemoCatalog implements InitialData {

	private final Catalog catalog;

	DemoCatalog(Catalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public void create() {
		if (catalog.findCollection("course-java").isPresent()) {
			return;
		}
		catalog.createVideo("vid-java-1", "Java, lesson 1");
		catalog.createVideo("vid-java-2", "Java, lesson 2");
		catalog.createVideo("vid-premium-1", "Premium feature");
		catalog.createCollection("course-java", CollectionKind.COURSE, "Java course", null, null);
		catalog.createCollection("premium", CollectionKind.PACKAGE, "Premium", null, null);
		catalog.addVideos("course-java", List.of("vid-java-1", "vid-java-2"));
		catalog.addVideos("premium", List.of("vid-premium-1"));
	}
}
