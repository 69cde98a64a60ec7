package vn.motcua.workflow.infra;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
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
                        + "404 for a dossier not yet received, 409 for a command the dossier's state forbids. "
                        + "Every endpoint needs an OAuth 2.0 bearer token (JWT) of the configured issuer: the "
                        + "`officer` role for a dossier or worklist of its offices, `admin` for metrics; 401 "
                        + "without a valid token, 403 for a missing role or an office outside the token's offices."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
