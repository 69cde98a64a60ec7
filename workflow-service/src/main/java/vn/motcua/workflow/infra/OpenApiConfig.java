package vn.motcua.workflow.infra;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.motcua.spring.web.ContractOpenApi;
import vn.motcua.workflow.history.StepKind;

/**
 * The generated OpenAPI document ({@code GET /openapi.json}, browsable at {@code /swagger-ui.html}): its title, and
 * what the controllers do not show ({@link ContractOpenApi}): the bearer scheme (none on the citizens' lookup),
 * every problem+json error an operation can answer, the history import's NDJSON body, the printable documents'
 * media types.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
    private static final String DOSSIER = "/api/v1/dossiers/{dossierId}";
    /** Every dossier command: refused by the dossier's state (409), or invalid for it (422). */
    private static final List<String> COMMANDS = List.of(
            "POST " + DOSSIER + "/transfers", "POST " + DOSSIER + "/supplement-requests",
            "POST " + DOSSIER + "/supplements", "POST " + DOSSIER + "/apology-letters",
            "POST " + DOSSIER + "/resolution", "POST " + DOSSIER + "/return", "POST " + DOSSIER + "/payments",
            "POST " + DOSSIER + "/ratings", "POST " + DOSSIER + "/withdrawal",
            "POST /api/v1/petitions/{petitionId}/answer", "POST /api/v1/petitions/{petitionId}/rating");

    @Bean
    public OpenAPI workflowOpenApi() {
        return new OpenAPI().info(new Info()
                .title("motcua workflow-service")
                .version("v1")
                .description("Carries each dossier from receipt to return: transfers (form 05 lines), supplement "
                        + "requests, apology letters (form 04), resolution, return, withdrawal, payments, ratings, "
                        + "petitions, the officers' lists and due-soon / overdue worklists, the history import and "
                        + "the citizens' status lookup. Every command takes an optional `at` (when it happened). "
                        + "Errors are application/problem+json (RFC 9457) with an `errors` list naming the fields; "
                        + "404 for a dossier not yet received, 409 for a command the dossier's state forbids. "
                        + "Every endpoint but the citizens' lookup needs an OAuth 2.0 bearer token (JWT) of the "
                        + "configured issuer: the `officer` role for a dossier or worklist of its offices, `admin` "
                        + "for metrics; 401 without a valid token, 403 for a missing role or an office outside the "
                        + "token's offices."));
    }

    @Bean
    public ContractOpenApi workflowContractOpenApi() {
        ObjectSchema step = new ObjectSchema();
        step.addProperty("kind", new StringSchema()._enum(Arrays.stream(StepKind.values()).map(Enum::name).toList()));
        step.addProperty("at", new StringSchema().format("date-time"));
        step.setRequired(List.of("kind", "at"));
        step.setAdditionalProperties(true);
        step.description("One step: its kind, when it happened, and the fields of the matching command "
                + "(toUnit, reason, newDueAt, amount, online, outcome, method, ...)");
        ObjectSchema line = new ObjectSchema();
        line.description("One dossier's later steps: the dossier by `dossierId`, or by `officeId` + `externalRef`");
        line.addProperty("dossierId", new StringSchema());
        line.addProperty("officeId", new StringSchema());
        line.addProperty("externalRef", new StringSchema());
        line.addProperty("steps", new ArraySchema().items(step));
        line.setRequired(List.of("steps"));

        ContractOpenApi openApi = new ContractOpenApi()
                .publicPaths("/api/v1/public/")
                .answers(429, "GET /api/v1/public/dossiers/{code}")
                .answers(409, "POST /api/v1/petitions/{petitionId}/answer",
                        "GET " + DOSSIER + "/documents/supplement-request", "GET " + DOSSIER + "/documents/refusal")
                .ndjson("POST /api/v1/imports/dossier-histories", line)
                .printable("GET " + DOSSIER + "/documents/supplement-request", "GET " + DOSSIER + "/documents/refusal",
                        "GET " + DOSSIER + "/documents/control-slip", "GET " + DOSSIER + "/apology-letters/{number}");
        for (String command : COMMANDS) {
            openApi.answers(409, command).answers(422, command);
        }
        openApi.answers(422, "POST /api/v1/petitions");
        return openApi;
    }
}
