package vn.motcua.intake.infra;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and description of the generated OpenAPI document ({@code GET /openapi.json}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
    @Bean
    OpenAPI intakeOpenApi() {
        return new OpenAPI().info(new Info()
                .title("motcua intake-service")
                .version("v1")
                .description("Receipt desk of the one-stop mechanism: catalogue of offices and procedures, receipt "
                        + "of dossiers with code and appointment, receipt slips, bulk import. Errors are "
                        + "application/problem+json (RFC 9457) with an `errors` list naming the fields."));
    }
}
