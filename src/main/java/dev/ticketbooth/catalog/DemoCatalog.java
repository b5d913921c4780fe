package dev.ticketbooth.catalog;

import java.util.List;

import dev.ticketbooth.config.InitialData;

import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Profile {@code demo}: course-java (vid-java-1, vid-java-2 and the IVS channel
 * {@value #IVS_CHANNEL}) and premium (vid-premium-1).
 */
@Component
@Profile("demo")
@Order(30)
class DemoCatalog implements InitialData {

	private final Catalog catalog;

	DemoCatalog(Catalog catalog) {
		this.catalog = catalog;
	}

	/** An Amazon IVS channel, known by its ARN, for the ivs-demo partner. */
	static final String IVS_CHANNEL = "arn:aws:ivs:eu-west-1:123456789012:channel/demoChannel1";

	@Override
	public void create() {
		if (catalog.findCollection("course-java").isPresent()) {
			if (catalog.findVideo(IVS_CHANNEL).isEmpty()) { // a demo home from before the IVS channel
				catalog.createVideo(IVS_CHANNEL, "Java, live (Amazon IVS)", List.of("course-java"));
			}
			return;
		}
		catalog.createVideo("vid-java-1", "Java, lesson 1");
		catalog.createVideo("vid-java-2", "Java, lesson 2");
		catalog.createVideo("vid-premium-1", "Premium feature");
		catalog.createCollection("course-java", CollectionKind.COURSE, "Java course", null, null);
		catalog.createCollection("premium", CollectionKind.PACKAGE, "Premium", null, null);
		catalog.createVideo(IVS_CHANNEL, "Java, live (Amazon IVS)");
		catalog.addVideos("course-java", List.of("vid-java-1", "vid-java-2", IVS_CHANNEL));
		catalog.addVideos("premium", List.of("vid-premium-1"));
	}
}
