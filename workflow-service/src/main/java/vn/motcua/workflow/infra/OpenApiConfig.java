package vn.motcua.workflow.infra;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and description of the generated OpenAPI document ({@code GET /openapi.json}). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
    @Bean
    public OpenAPI workflowOpenApi() {
        return new OpenAPI().info(new Info()
                .title("motcua workflow-service")
                .version("v1")
                .description("Carries each dossier from receipt to return: transfers (form 05 lines), supplement "
                        + "requests, apology letters (form 04), resolution, return, withdrawal, and the officers' "
                        + "due-soon / overdue worklists. Every command takes an optional `at` (when it happened). "
                        + "Errors are application/problem+json (RFC 9457) with an `errors` list naming the fields; "
                        + "404 for a dossier not yet received, 409 for a command the dossier's state forbids."));
    }
}
