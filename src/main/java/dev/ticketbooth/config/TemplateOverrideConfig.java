package dev.ticketbooth.config;

import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Operators restyle pages by dropping a template of the same name into
 * {@code ${ticketbooth.home}/templates/}; it wins over the packaged one.
 */
@Configuration(proxyBeanMethods = false)
class TemplateOverrideConfig {

	@Bean
	SpringResourceTemplateResolver operatorTemplateResolver(TicketboothProperties properties) {
		SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
		resolver.setPrefix(properties.home().resolve("templates").toAbsolutePath().toUri().toString());
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCheckExistence(true);
		resolver.setCacheable(true);
		resolver.setOrder(1);
		return resolver;
	}
}
