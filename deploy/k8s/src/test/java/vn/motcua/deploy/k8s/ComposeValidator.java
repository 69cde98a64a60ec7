package vn.motcua.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Validates deploy/compose/docker-compose.yml offline: known keys only (a typo is an error, as Compose itself
 * would say), the three services built from their Dockerfiles with a /health check, started only after a healthy
 * PostgreSQL and Kafka and the topic creation, each on a database of its own that the init script creates.
 */
final class ComposeValidator {

    /** The motcua services: contract port and the environment variable holding the JDBC URL. */
    record App(String name, int port, String urlVariable) {
    }

    static final List<App> APPS = List.of(
            new App("intake-service", 8081, "SPRING_DATASOURCE_URL"),
            new App("workflow-service", 8082, "SPRING_DATASOURCE_URL"),
            new App("reporting-service", 8083, "DATASOURCES_DEFAULT_URL"));

    private static final Set<String> TOP_LEVEL = Set.of("name", "services", "volumes", "networks", "configs",
            "secrets", "include");
    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "restart", "environment", "env_file",
            "volumes", "ports", "expose", "healthcheck", "depends_on", "entrypoint", "command", "mem_limit",
            "mem_reservation", "cpus", "deploy", "networks", "labels", "user", "working_dir", "logging",
            "container_name", "hostname", "stop_grace_period", "stop_signal", "profiles", "ulimits", "tmpfs",
            "read_only", "security_opt", "cap_add", "cap_drop", "init", "extra_hosts", "platform", "pull_policy",
            "shm_size", "secrets", "configs", "sysctls", "dns", "tty", "stdin_open");
    private static final Set<String> HEALTHCHECK_KEYS = Set.of("test", "interval", "timeout", "retries",
            "start_period", "start_interval", "disable");
    private static final Set<String> BUILD_KEYS = Set.of("context", "dockerfile", "args", "target", "labels",
            "cache_from", "network", "platforms", "tags");
    private static final Set<String> DEPENDS_KEYS = Set.of("condition", "restart", "required");
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+)(?::\\d+)?/([A-Za-z0-9_]+).*");
    private static final Pattern CREATE_DATABASE =
            Pattern.compile("create\\s+database\\s+\"?([A-Za-z0-9_]+)", Pattern.CASE_INSENSITIVE);

    private final Path composeFile;
    private final List<String> problems = new ArrayList<>();
    private Map<String, Map<String, Object>> services = Map.of();

    private ComposeValidator(Path composeFile) {
        this.composeFile = composeFile.toAbsolutePath().normalize();
    }

    static List<String> validate(Path composeFile) {
        ComposeValidator validator = new ComposeValidator(composeFile);
        validator.run();
        return List.copyOf(validator.problems);
    }

    @SuppressWarnings("unchecked")
    private void run() {
        Map<String, Object> compose;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Object loaded = new Yaml(new SafeConstructor(options)).load(Files.readString(composeFile));
            if (!(loaded instanceof Map<?, ?> map)) {
                problems.add("compose: not a mapping");
                return;
            }
            compose = (Map<String, Object>) map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            problems.add("compose: not valid YAML: " + KubernetesYaml.firstLine(e));
            return;
        }
        compose.keySet().stream().filter(k -> !TOP_LEVEL.contains(k) && !k.startsWith("x-"))
                .forEach(k -> problems.add("compose: unknown top-level key '" + k + "'"));
        services = new LinkedHashMap<>();
        map(compose.get("services")).forEach((name, value) -> services.put(name, map(value)));
        services.forEach(this::checkKeys);

        for (String infra : List.of("postgres", "kafka", "kafka-topics", "keycloak")) {
            if (!services.containsKey(infra)) {
                problems.add("compose: no '" + infra + "' service");
            }
        }
        if (services.containsKey("postgres")) {
            checkPostgres(map(compose.get("volumes")));
        }
        if (services.containsKey("kafka") && services.get("kafka").get("healthcheck") == null) {
            problems.add("kafka: no healthcheck");
        }
        String topicCommand = String.valueOf(services.getOrDefault("kafka-topics", Map.of()).get("command"));
        for (String topic : ManifestValidator.CONTRACT_TOPICS) {
            if (!topicCommand.contains(topic)) {
                problems.add("kafka-topics: does not create contract topic " + topic);
            }
        }
        if (!topicCommand.contains("retention.ms=-1")) {
            problems.add("kafka-topics: topics must keep every event (retention.ms=-1): rebuilds replay them");
        }
        String keycloakHostname = services.containsKey("keycloak") ? checkKeycloak() : null;
        Map<String, String> databases = new LinkedHashMap<>();
        for (App app : APPS) {
            checkApp(app, databases);
            checkIdentity(app, keycloakHostname);
        }
        Set<String> created = createdDatabases();
        Map<String, String> owners = new HashMap<>();
        databases.forEach((app, db) -> {
            String other = owners.putIfAbsent(db, app);
            if (other != null) {
                problems.add(app + ": shares database '" + db + "' with " + other + " (each service owns its own)");
            }
            if (!created.contains(db)) {
                problems.add(app + ": database '" + db + "' is not created by the postgres init scripts " + created);
            }
        });
    }

    private void checkKeys(String name, Map<String, Object> service) {
        service.keySet().stream().filter(k -> !SERVICE_KEYS.contains(k) && !k.startsWith("x-"))
                .forEach(k -> problems.add(name + ": unknown key '" + k + "'"));
        if (service.get("healthcheck") != null) {
            map(service.get("healthcheck")).keySet().stream().filter(k -> !HEALTHCHECK_KEYS.contains(k))
                    .forEach(k -> problems.add(name + ": unknown healthcheck key '" + k + "'"));
        }
        if (service.get("build") instanceof Map<?, ?> build) {
            build.keySet().stream().filter(k -> !BUILD_KEYS.contains(String.valueOf(k)))
                    .forEach(k -> problems.add(name + ": unknown build key '" + k + "'"));
        }
        if (service.get("depends_on") instanceof Map<?, ?> deps) {
            deps.forEach((dep, spec) -> {
                map(spec).keySet().stream().filter(k -> !DEPENDS_KEYS.contains(k))
                        .forEach(k -> problems.add(name + ": unknown depends_on key '" + k + "'"));
                if (!services.containsKey(String.valueOf(dep))) {
                    problems.add(name + ": depends on unknown service '" + dep + "'");
                } else if ("service_healthy".equals(map(spec).get("condition"))
                        && services.get(String.valueOf(dep)).get("healthcheck") == null) {
                    problems.add(name + ": waits for '" + dep + "' to be healthy, but it has no healthcheck");
                }
            });
        }
    }

    private void checkPostgres(Map<String, Object> namedVolumes) {
        Map<String, Object> postgres = services.get("postgres");
        if (postgres.get("healthcheck") == null) {
            problems.add("postgres: no healthcheck");
        }
        boolean durable = false;
        for (Object volume : list(postgres.get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2 && parts[1].startsWith("/var/lib/postgresql") && namedVolumes.containsKey(parts[0])) {
                durable = true;
            }
        }
        if (!durable) {
            problems.add("postgres: its data directory is not on a named volume (data would not survive 'down')");
        }
    }

    private void checkApp(App app, Map<String, String> databases) {
        Map<String, Object> service = services.get(app.name());
        if (service == null) {
            problems.add("compose: no '" + app.name() + "' service");
            return;
        }
        Map<String, Object> build = map(service.get("build"));
        Object context = build.get("context");
        String dockerfile = String.valueOf(build.get("dockerfile"));
        if (context == null || !Files.isRegularFile(composeFile.getParent().resolve(String.valueOf(context))
                .resolve(dockerfile).normalize()) || !dockerfile.equals(app.name() + "/Dockerfile")) {
            problems.add(app.name() + ": must be built from " + app.name() + "/Dockerfile in the repository root"
                    + " (build: " + build + ")");
        }
        String health = String.valueOf(map(service.get("healthcheck")).get("test"));
        if (!health.contains("/health") || !health.contains(":" + app.port())) {
            problems.add(app.name() + ": healthcheck must call /health on port " + app.port() + " (is " + health + ")");
        }
        if (list(service.get("ports")).stream().map(String::valueOf).noneMatch(p -> p.endsWith(":" + app.port()))) {
            problems.add(app.name() + ": port " + app.port() + " is not published");
        }
        Map<String, Object> deps = map(service.get("depends_on"));
        for (String dep : List.of("postgres", "kafka")) {
            if (!"service_healthy".equals(map(deps.get(dep)).get("condition"))) {
                problems.add(app.name() + ": must wait for '" + dep + "' with condition service_healthy");
            }
        }
        if (!"service_completed_successfully".equals(map(deps.get("kafka-topics")).get("condition"))) {
            problems.add(app.name() + ": must wait for 'kafka-topics' with condition service_completed_successfully");
        }
        Map<String, String> env = environment(service.get("environment"));
        if (!"true".equalsIgnoreCase(env.get("AXONIQ_UPDATE_CHECKER_DISABLED"))) {
            problems.add(app.name() + ": AXONIQ_UPDATE_CHECKER_DISABLED=true is not set (Axon must never phone home)");
        }
        String bootstrap = env.getOrDefault("MOTCUA_KAFKA_BOOTSTRAP_SERVERS", "");
        if (!services.containsKey(bootstrap.split(":")[0])) {
            problems.add(app.name() + ": MOTCUA_KAFKA_BOOTSTRAP_SERVERS '" + bootstrap + "' is not a compose service");
        }
        Matcher jdbc = JDBC.matcher(env.getOrDefault(app.urlVariable(), ""));
        if (!jdbc.matches() || !services.containsKey(jdbc.group(1))) {
            problems.add(app.name() + ": " + app.urlVariable() + " must be a jdbc:postgresql URL to a compose service"
                    + " (is " + env.get(app.urlVariable()) + ")");
        } else {
            databases.put(app.name(), jdbc.group(2));
        }
    }

    /**
     * Keycloak imports the realm export mounted into its import directory, with every ${...} placeholder of the
     * file defined in its environment; returns its KC_HOSTNAME (the base of the tokens' iss), or null.
     */
    private String checkKeycloak() {
        Map<String, Object> keycloak = services.get("keycloak");
        if (!String.valueOf(keycloak.get("image")).contains("keycloak/keycloak")) {
            problems.add("keycloak: must run an official Keycloak image (quay.io/keycloak/keycloak)");
        }
        if (!String.valueOf(keycloak.get("command")).contains("--import-realm")) {
            problems.add("keycloak: must start with --import-realm (the motcua realm comes from the export)");
        }
        if (keycloak.get("healthcheck") == null) {
            problems.add("keycloak: no healthcheck");
        }
        Map<String, String> env = environment(keycloak.get("environment"));
        Path realmFile = null;
        for (Object volume : list(keycloak.get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2 && parts[1].startsWith("/opt/keycloak/data/import") && parts[0].endsWith(".json")) {
                realmFile = composeFile.getParent().resolve(parts[0]).normalize();
            }
        }
        if (realmFile == null || !Files.isRegularFile(realmFile)) {
            problems.add("keycloak: no realm export file mounted into /opt/keycloak/data/import"
                    + (realmFile == null ? "" : " (" + realmFile.getFileName() + " does not exist)"));
        } else {
            RealmExportValidator.Result realm = RealmExportValidator.validate("keycloak: " + realmFile.getFileName(),
                    Repo.read(realmFile));
            problems.addAll(realm.problems());
            realm.placeholders().stream().filter(p -> !env.containsKey(p)).forEach(p -> problems.add(
                    "keycloak: the realm export needs " + p + " at import, the environment does not define it"));
        }
        String hostname = env.get("KC_HOSTNAME");
        if (hostname == null) {
            problems.add("keycloak: no KC_HOSTNAME: the tokens' iss would follow the address each client used");
        }
        return hostname;
    }

    /** The issuer is what Keycloak writes into tokens; the JWKS is Keycloak's; the master key is never in here. */
    private void checkIdentity(App app, String keycloakHostname) {
        Map<String, Object> service = services.get(app.name());
        if (service == null) {
            return;
        }
        Map<String, String> env = environment(service.get("environment"));
        String issuer = env.get(AccessRules.ISSUER);
        String jwks = env.get(AccessRules.JWKS);
        if (issuer == null || jwks == null) {
            problems.add(app.name() + ": " + AccessRules.ISSUER + " and " + AccessRules.JWKS + " must both be set");
        } else if (keycloakHostname != null) {
            String expected = keycloakHostname.replaceAll("/$", "") + "/realms/" + RealmExportValidator.REALM;
            if (!issuer.equals(expected)) {
                problems.add(app.name() + ": " + AccessRules.ISSUER + " is " + issuer + " but Keycloak's tokens carry iss "
                        + expected + " (KC_HOSTNAME + /realms/" + RealmExportValidator.REALM + ")");
            }
            Matcher url = Pattern.compile("https?://([^:/]+)(?::\\d+)?(/.*)").matcher(jwks);
            if (!url.matches() || !services.containsKey(url.group(1)) || !url.group(2).equals(AccessRules.KEYCLOAK_JWKS_PATH)) {
                problems.add(app.name() + ": " + AccessRules.JWKS + " " + jwks + " is not Keycloak's JWKS ("
                        + AccessRules.KEYCLOAK_JWKS_PATH + " on a compose service)");
            }
        }
        if (app.name().equals("intake-service")) {
            String key = env.get(AccessRules.MASTER_KEY);
            if (key == null) {
                problems.add(app.name() + ": " + AccessRules.MASTER_KEY + " is not set (intake cannot encrypt applicant data)");
            } else if (!key.startsWith("${")) {
                problems.add(app.name() + ": " + AccessRules.MASTER_KEY + " is written in the file: take it from the"
                        + " environment (${" + AccessRules.MASTER_KEY + "}, deploy/compose/.env)");
            }
        }
    }

    /** Databases that the SQL files mounted at /docker-entrypoint-initdb.d create. */
    private Set<String> createdDatabases() {
        Set<String> created = new LinkedHashSet<>();
        for (Object volume : list(services.getOrDefault("postgres", Map.of()).get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length < 2 || !parts[1].equals("/docker-entrypoint-initdb.d")) {
                continue;
            }
            Path dir = composeFile.getParent().resolve(parts[0]).normalize();
            if (!Files.isDirectory(dir)) {
                problems.add("postgres: init directory " + parts[0] + " does not exist");
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path sql : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                    Matcher m = CREATE_DATABASE.matcher(Files.readString(sql));
                    while (m.find()) {
                        created.add(m.group(1).toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return created;
    }

    private static Map<String, String> environment(Object value) {
        Map<String, String> env = new HashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        } else {
            for (Object entry : list(value)) {
                String[] kv = String.valueOf(entry).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        return Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
