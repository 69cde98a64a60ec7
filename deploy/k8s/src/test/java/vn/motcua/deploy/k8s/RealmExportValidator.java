package vn.motcua.deploy.k8s;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the Keycloak realm export that compose and the manifests import: realm {@code motcua} with the four roles,
 * and for every motcua client the mappers the services depend on (ACCESS-token claims {@code roles} and
 * {@code offices} as arrays, {@code motcua} in {@code aud}, the {@code basic} scope that carries {@code sub}); no
 * secret or password written in the file (only {@code ${VAR}} placeholders, filled from the environment at import);
 * the console a public client with PKCE S256; tokens living 15 minutes at most.
 */
final class RealmExportValidator {

    static final String REALM = "motcua";
    static final Set<String> ROLES = Set.of("clerk", "officer", "analyst", "admin");
    /** A stolen token is good until it expires: the threat model counts on 15 minutes at most. */
    static final int MAX_ACCESS_TOKEN_SECONDS = 900;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The problems found, and the environment variables the file's placeholders need at import. */
    record Result(List<String> problems, Set<String> placeholders) {
    }

    private final String source;
    private final List<String> problems = new ArrayList<>();

    private RealmExportValidator(String source) {
        this.source = source;
    }

    static Result validate(String source, String json) {
        RealmExportValidator validator = new RealmExportValidator(source);
        Set<String> placeholders = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(json);
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        validator.run(json);
        return new Result(List.copyOf(validator.problems), placeholders);
    }

    private void run(String json) {
        JsonNode realm;
        try {
            realm = JSON.readTree(json);
        } catch (Exception e) {
            problems.add(source + ": not valid JSON: " + KubernetesYaml.firstLine(e));
            return;
        }
        if (realm == null || !realm.isObject()) {
            problems.add(source + ": not a JSON object");
            return;
        }
        if (!REALM.equals(realm.path("realm").asText())) {
            problems.add(source + ": realm must be '" + REALM + "' (the issuer ends with /realms/" + REALM + "), is '"
                    + realm.path("realm").asText() + "'");
        }
        if (!realm.path("enabled").asBoolean(false)) {
            problems.add(source + ": the realm is not enabled");
        }
        int lifespan = realm.path("accessTokenLifespan").asInt(300);
        if (lifespan > MAX_ACCESS_TOKEN_SECONDS) {
            problems.add(source + ": accessTokenLifespan " + lifespan + " s is longer than "
                    + MAX_ACCESS_TOKEN_SECONDS + " s (a stolen token must expire soon)");
        }
        Set<String> roles = new LinkedHashSet<>();
        realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
        for (String role : new TreeSet<>(ROLES)) {
            if (!roles.contains(role)) {
                problems.add(source + ": realm role '" + role + "' is missing");
            }
        }
        int motcuaClients = 0;
        for (JsonNode client : realm.path("clients")) {
            String id = client.path("clientId").asText();
            if (!id.startsWith("motcua-")) {
                continue; // Keycloak's own clients (account, admin-cli...) if the export has them
            }
            motcuaClients++;
            checkClient(realm, id, client);
        }
        if (motcuaClients == 0) {
            problems.add(source + ": no motcua-* client");
        }
        for (JsonNode user : realm.path("users")) {
            checkUser(user, roles);
        }
    }

    private void checkClient(JsonNode realm, String id, JsonNode client) {
        String where = source + ": client " + id;
        List<JsonNode> mappers = new ArrayList<>();
        client.path("protocolMappers").forEach(mappers::add);
        Set<String> scopes = new LinkedHashSet<>();
        client.path("defaultClientScopes").forEach(s -> scopes.add(s.asText()));
        for (JsonNode scope : realm.path("clientScopes")) {
            if (scopes.contains(scope.path("name").asText())) {
                scope.path("protocolMappers").forEach(mappers::add);
            }
        }
        boolean rolesMapper = mappers.stream().anyMatch(m -> arrayClaim(m, "roles")
                && Set.of("oidc-usermodel-realm-role-mapper", "oidc-usermodel-attribute-mapper")
                        .contains(m.path("protocolMapper").asText()));
        if (!rolesMapper) {
            problems.add(where + ": no mapper puts 'roles' (multivalued, from realm roles or a user attribute) into"
                    + " the access token");
        }
        if (mappers.stream().noneMatch(m -> arrayClaim(m, "offices"))) {
            problems.add(where + ": no mapper puts 'offices' (multivalued) into the access token");
        }
        boolean audience = mappers.stream().anyMatch(m -> "oidc-audience-mapper".equals(m.path("protocolMapper").asText())
                && "motcua".equals(m.path("config").path("included.custom.audience").asText())
                && "true".equals(m.path("config").path("access.token.claim").asText()));
        if (!audience) {
            problems.add(where + ": no audience mapper adds 'motcua' to the access token's aud");
        }
        if (!scopes.contains("basic")) {
            problems.add(where + ": default client scopes lack 'basic' (Keycloak puts 'sub' there: actors would be"
                    + " anonymous)");
        }
        boolean publicClient = client.path("publicClient").asBoolean(false);
        if (publicClient) {
            if (!"S256".equals(client.path("attributes").path("pkce.code.challenge.method").asText())) {
                problems.add(where + ": a public client must require PKCE with S256");
            }
            if (client.path("implicitFlowEnabled").asBoolean(false)
                    || client.path("directAccessGrantsEnabled").asBoolean(false)) {
                problems.add(where + ": a public client must not allow the implicit or password grants");
            }
        } else if (!client.path("bearerOnly").asBoolean(false)) {
            checkPlaceholder(where + ": secret", client.path("secret"));
        }
    }

    private void checkUser(JsonNode user, Set<String> roles) {
        String where = source + ": user " + user.path("username").asText();
        user.path("realmRoles").forEach(r -> {
            if (!roles.contains(r.asText())) {
                problems.add(where + ": realm role '" + r.asText() + "' is not defined");
            }
        });
        if (!user.path("attributes").path("offices").isArray()) {
            problems.add(where + ": no 'offices' attribute (a list of office ids, [] for none)");
        }
        user.path("credentials").forEach(c -> checkPlaceholder(where + ": credential", c.path("value")));
    }

    /** A secret in a committed file is no secret: only ${VAR} placeholders, without a default value. */
    private void checkPlaceholder(String where, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            problems.add(where + " is missing (a confidential client needs one, from a ${VAR} placeholder)");
        } else if (!value.asText().matches("\\$\\{[A-Z][A-Z0-9_]*}")) {
            problems.add(where + " is written in the file: use a ${VAR} placeholder filled at import");
        }
    }

    private static boolean arrayClaim(JsonNode mapper, String claim) {
        JsonNode config = mapper.path("config");
        return claim.equals(config.path("claim.name").asText())
                && "true".equals(config.path("multivalued").asText())
                && "true".equals(config.path("access.token.claim").asText());
    }
}
