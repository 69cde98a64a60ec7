package vn.motcua.spring.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What the generated OpenAPI document cannot see in the controllers, added once for every operation of a Spring
 * service: the bearer scheme (and no security on the public paths), the problem+json errors each operation can
 * answer (CONTRACT.md: every error is {@code application/problem+json}), and the NDJSON bodies of the imports,
 * which the controllers read as a stream. The rules are the edge's, not per controller:
 * <ul>
 *   <li>every operation: 400 (a bad parameter or body, naming the field) and 503 (database or broker down, with
 *       {@code Retry-After}); never 500;</li>
 *   <li>every non-public one: 401 (with {@code WWW-Authenticate}) and 403;</li>
 *   <li>a path with a variable: 404; a body: 413 (over the limit) and 415 (another content type);</li>
 *   <li>409, 422, 429: where the service says its operations produce them ({@link #answers}).</li>
 * </ul>
 * Each service configures one in its {@code infra.OpenApiConfig}.
 */
public final class ContractOpenApi implements OpenApiCustomizer {
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String NDJSON = "application/x-ndjson";

    private static final Map<Integer, String> MEANING = Map.ofEntries(
            Map.entry(400, "Bad input: the problem's `errors` name each field (body, parameter or path)."),
            Map.entry(401, "No bearer token, or one that is not valid (`WWW-Authenticate: Bearer`, with "
                    + "`error=\"invalid_token\"` for a token that was refused)."),
            Map.entry(403, "A role the caller lacks, or an office outside the token's offices. Nothing changed."),
            Map.entry(404, "Not found (a dossier outside the caller's offices may answer 404 as well)."),
            Map.entry(409, "Refused by the current state (the problem's `detail` says why). Nothing changed."),
            Map.entry(413, "The body is larger than the service's limit."),
            Map.entry(415, "A Content-Type the operation does not take."),
            Map.entry(422, "Well-formed but refused: an unknown office or procedure, a channel the procedure does "
                    + "not offer, personal data in a free-text field (the `errors` name the field)."),
            Map.entry(429, "Too many tries from one address; retry after `Retry-After` seconds."),
            Map.entry(503, "The database or the broker is unreachable; nothing was recorded. Retry after "
                    + "`Retry-After` seconds."));

    private final List<String> publicPaths = new ArrayList<>();
    private final Map<String, Set<Integer>> extra = new HashMap<>();
    private final Map<String, Schema<?>> ndjsonLines = new HashMap<>();
    private final Set<String> printables = new HashSet<>();

    /** Operations under these path prefixes need no token (e.g. {@code /api/v1/public/}). */
    public ContractOpenApi publicPaths(String... prefixes) {
        publicPaths.addAll(List.of(prefixes));
        return this;
    }

    /** Statuses beyond the edge's rules, for operations named {@code "POST /api/v1/dossiers/{dossierId}/x"}. */
    public ContractOpenApi answers(int status, String... operations) {
        for (String operation : operations) {
            extra.computeIfAbsent(operation, key -> new TreeSet<>()).add(status);
        }
        return this;
    }

    /** The operation's body is NDJSON, each line of {@code line}'s schema (the controller reads a stream). */
    public ContractOpenApi ndjson(String operation, Schema<?> line) {
        ndjsonLines.put(operation, line);
        return this;
    }

    /** The operation's 200 is a printable document: A4/A5 HTML, or PDF with {@code Accept: application/pdf}. */
    public ContractOpenApi printable(String... operations) {
        printables.addAll(List.of(operations));
        return this;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("An access token (JWT, RS256 or ES256) of the configured OpenID Provider, audience "
                        + "`motcua`, with the claims `sub`, `roles` and `offices`."));
        components.addSchemas("FieldProblem", new ObjectSchema()
                .addProperty("field", new StringSchema().description("the body's JSON path, a parameter or a header"))
                .addProperty("message", new StringSchema()));
        components.addSchemas("Problem", new ObjectSchema()
                .description("RFC 9457 problem details.")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldProblem"))));
        if (openApi.getSecurity() == null || openApi.getSecurity().isEmpty()) {
            openApi.addSecurityItem(new SecurityRequirement().addList("bearer"));
        }
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> document(method, path, operation)));
    }

    private void document(PathItem.HttpMethod method, String path, Operation operation) {
        String key = method.name() + " " + path;
        Schema<?> line = ndjsonLines.get(key);
        if (line != null) {
            operation.setRequestBody(new RequestBody().required(true)
                    .description("NDJSON: one JSON object per line, each of the schema shown; read as a stream, "
                            + "each line checked on its own (a bad line is reported in the summary, by number)")
                    .content(new Content().addMediaType(NDJSON, new MediaType().schema(line))));
        }
        if (printables.contains(key) && operation.getResponses() != null && operation.getResponses().get("200") != null) {
            Content content = new Content();
            content.addMediaType("text/html", new MediaType().schema(new StringSchema()));
            content.addMediaType("application/pdf", new MediaType().schema(new StringSchema().format("binary")));
            operation.getResponses().get("200").description("The printable document: HTML for A4/A5, or PDF "
                    + "with `Accept: application/pdf`").content(content);
        }
        boolean open = publicPaths.stream().anyMatch(path::startsWith);
        if (open) {
            operation.setSecurity(List.of());
        }
        Set<Integer> statuses = new TreeSet<>(List.of(400, 503));
        if (!open) {
            statuses.addAll(List.of(401, 403));
        }
        if (path.contains("{")) {
            statuses.add(404);
        }
        if (operation.getRequestBody() != null) {
            statuses.addAll(List.of(413, 415));
        }
        statuses.addAll(extra.getOrDefault(key, Set.of()));

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        // The contract answers outages with 503, never 500: a generated 500 would document what cannot happen.
        responses.remove("500");
        Map<String, ApiResponse> errors = new LinkedHashMap<>();
        for (int status : statuses) {
            errors.put(String.valueOf(status), problem(status));
        }
        errors.forEach(responses::putIfAbsent);
        // A generated error response (from an exception handler) becomes the contract's problem+json one.
        errors.forEach((status, problem) -> {
            ApiResponse existing = responses.get(status);
            if (existing != problem && (existing.getContent() == null || !existing.getContent().containsKey(PROBLEM_JSON))) {
                responses.put(status, problem);
            }
        });
        operation.setResponses(responses);
    }

    private static ApiResponse problem(int status) {
        ApiResponse response = new ApiResponse().description(MEANING.get(status))
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", new Header().schema(new StringSchema())
                    .description("`Bearer`, or `Bearer error=\"invalid_token\"`"));
        }
        if (status == 429 || status == 503) {
            response.addHeaderObject("Retry-After", new Header().schema(new IntegerSchema())
                    .description("seconds"));
        }
        return response;
    }
}
