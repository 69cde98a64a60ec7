package vn.motcua.intake.infra;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.motcua.spring.web.ContractOpenApi;

/**
 * The generated OpenAPI document ({@code GET /openapi.json}, browsable at {@code /swagger-ui.html}): its title, and
 * what the controllers do not show ({@link ContractOpenApi}): the bearer scheme, every problem+json error an
 * operation can answer, the bulk import's NDJSON body and the receipt slip's media types.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
    @Bean
    OpenAPI intakeOpenApi() {
        return new OpenAPI().info(new Info()
                .title("motcua intake-service")
                .version("v1")
                .description("Receipt desk of the one-stop mechanism: catalogue of offices and procedures, receipt "
                        + "of dossiers with code and appointment, receipt slips, search, corrections, cancellation, "
                        + "bulk import, the personal-data audit and erasure. Every endpoint needs an OAuth 2.0 "
                        + "bearer token (JWT) of the configured issuer; who may call what is CONTRACT.md \"Access\". "
                        + "Errors are application/problem+json (RFC 9457) with an `errors` list naming the fields."));
    }

    @Bean
    ContractOpenApi intakeContractOpenApi() {
        return new ContractOpenApi()
                // Refused by the dossier's state: a cancelled or resolved dossier, an erased applicant.
                .answers(409, "POST /api/v1/dossiers/{dossierId}/corrections",
                        "POST /api/v1/dossiers/{dossierId}/cancellation")
                // Unknown office or procedure, a channel the procedure does not offer, a parent cycle, dates in
                // the future, personal data in a free-text field.
                .answers(422, "POST /api/v1/dossiers", "POST /api/v1/dossiers/{dossierId}/corrections",
                        "POST /api/v1/dossiers/{dossierId}/cancellation", "PUT /api/v1/offices/{officeId}",
                        "PUT /api/v1/procedures/{code}")
                .ndjson("POST /api/v1/imports/dossiers", new Schema<>().$ref("#/components/schemas/ReceiptRequest"))
                .printable("GET /api/v1/dossiers/{dossierId}/receipt");
    }
}
