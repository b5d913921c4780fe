package dev.ticketbooth.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin API's OpenAPI description: HTTP Basic with an operator account. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	@Bean
	OpenAPI adminApi() {
		return new OpenAPI()
			.info(new Info().title("ticketbooth admin API").version("v1")
				.description("Keys, users, catalog, grants, partners, providers, clients, operators and the audit trail. "
						+ "Errors are RFC 9457 problem JSON with a stable `code`."))
			.components(new Components().addSecuritySchemes("operator",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList("operator"));
	}
}
