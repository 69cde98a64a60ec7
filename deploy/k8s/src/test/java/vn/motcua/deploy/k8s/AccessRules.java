package vn.motcua.deploy.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The access rules of the manifests (issue 10): every motcua service knows its token issuer and JWKS, and the
 * issuer is the one Keycloak writes into tokens; intake's master key comes from a Secret; no Secret in the
 * repository holds a real-looking value; production Keycloak is not in development mode; no Ingress routes to
 * metrics, rebuilds, the personal-data audit or Keycloak's admin console; every pod is behind a NetworkPolicy.
 */
final class AccessRules {

    static final String ISSUER = "MOTCUA_SECURITY_ISSUER";
    static final String JWKS = "MOTCUA_SECURITY_JWK_SET_URI";
    static final String MASTER_KEY = "MOTCUA_PERSONAL_DATA_MASTER_KEY";
    /** Paths that stay inside the cluster: no Ingress path may cover them. */
    static final List<String> INTERNAL_PATHS =
            List.of("/prometheus", "/api/v1/projections", "/api/v1/audit", "/admin", "/metrics");
    static final String KEYCLOAK_JWKS_PATH = "/realms/" + RealmExportValidator.REALM + "/protocol/openid-connect/certs";

    /**
     * One kustomization as `kubectl kustomize` would build it: its objects (own and inherited resources) and its
     * own patches, applied by name (ConfigMap data and container env merged, container args replaced).
     */
    record Build(String name, List<HasMetadata> objects, List<HasMetadata> patches, boolean production) {
    }

    /** What a container ends up with: plain values (ConfigMaps resolved), names filled from Secrets, its args. */
    record Env(Map<String, String> values, Set<String> fromSecrets, List<String> args) {
        boolean defines(String name) {
            return values.containsKey(name) || fromSecrets.contains(name);
        }
    }

    private final List<String> problems = new ArrayList<>();

    private AccessRules() {
    }

    static List<String> check(List<HasMetadata> resources, List<Build> builds, Set<String> realmPlaceholders) {
        AccessRules rules = new AccessRules();
        builds.forEach(b -> rules.checkBuild(b, realmPlaceholders));
        resources.stream().filter(Secret.class::isInstance).map(Secret.class::cast).forEach(rules::checkSecret);
        resources.stream().filter(Ingress.class::isInstance).map(Ingress.class::cast)
                .forEach(i -> rules.checkIngress(i, resources));
        rules.checkNetworkPolicies(resources);
        return List.copyOf(rules.problems);
    }

    // ---- identity -----------------------------------------------------------------------------------------

    private void checkBuild(Build b, Set<String> realmPlaceholders) {
        Optional<Deployment> keycloak = deployments(b.objects()).stream().filter(AccessRules::isKeycloak).findFirst();
        Optional<Env> keycloakEnv = keycloak.map(d -> env(b, d, d.getSpec().getTemplate().getSpec().getContainers().get(0)));
        for (Deployment d : deployments(b.objects())) {
            if (!ManifestValidator.MOTCUA_SERVICES.contains(d.getMetadata().getName())) {
                continue;
            }
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String where = b.name() + ": Deployment/" + d.getMetadata().getName() + " container " + c.getName();
                Env env = env(b, d, c);
                String issuer = url(where, env, ISSUER);
                String jwks = url(where, env, JWKS);
                if ("intake-service".equals(d.getMetadata().getName()) && !env.fromSecrets().contains(MASTER_KEY)) {
                    problems.add(where + ": " + MASTER_KEY + " must come from a Secret (secretKeyRef), "
                            + (env.values().containsKey(MASTER_KEY) ? "not be written in the manifest" : "it is not set"));
                }
                if (keycloakEnv.isPresent() && issuer != null) {
                    checkKeycloakIssuer(where, issuer, jwks, keycloakEnv.get(), b);
                }
            }
        }
        keycloakEnv.ifPresent(env -> {
            String where = b.name() + ": Deployment/" + keycloak.get().getMetadata().getName();
            realmPlaceholders.stream().filter(p -> !env.defines(p)).forEach(p -> problems.add(where
                    + ": the realm export needs " + p + " at import, the container does not define it"));
            if (b.production()) {
                if (env.args().contains("start-dev")) {
                    problems.add(where + ": production must run `start`, not `start-dev` (development mode)");
                }
                if (!env.defines("KC_DB")) {
                    problems.add(where + ": production needs a real database (KC_DB), not the development H2");
                }
            }
        });
    }

    /** Tokens carry iss = KC_HOSTNAME + /realms/motcua: the services must expect exactly that. */
    private void checkKeycloakIssuer(String where, String issuer, String jwks, Env keycloak, Build b) {
        String hostname = keycloak.values().get("KC_HOSTNAME");
        if (hostname == null) {
            problems.add(where + ": Keycloak has no KC_HOSTNAME, so the tokens' iss follows whatever address a"
                    + " client used and cannot be relied on to equal " + issuer);
            return;
        }
        String expected = stripSlash(hostname) + "/realms/" + RealmExportValidator.REALM;
        if (!issuer.equals(expected)) {
            problems.add(where + ": " + ISSUER + " is " + issuer + " but Keycloak's tokens carry iss " + expected
                    + " (KC_HOSTNAME + /realms/" + RealmExportValidator.REALM + ")");
        }
        if (jwks != null) {
            URI uri = URI.create(jwks);
            boolean inCluster = uri.getHost() != null && b.objects().stream().anyMatch(o -> o instanceof Service
                    && o.getMetadata().getName().equals(uri.getHost().split("\\.")[0]));
            boolean viaIssuer = jwks.startsWith(stripSlash(hostname) + "/");
            if (!KEYCLOAK_JWKS_PATH.equals(uri.getPath()) || !(inCluster || viaIssuer)) {
                problems.add(where + ": " + JWKS + " " + jwks + " is not Keycloak's JWKS ("
                        + KEYCLOAK_JWKS_PATH + " on a Service of the namespace or on KC_HOSTNAME)");
            }
        }
    }

    private String url(String where, Env env, String name) {
        String value = env.values().get(name);
        if (value == null) {
            problems.add(where + ": " + name + " is not set (the service could not check any token)");
            return null;
        }
        try {
            URI uri = URI.create(value);
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + name + " '" + value + "' is not an http(s) URL");
            return null;
        }
    }

    /** The container's environment in this build: base objects, then the build's own patches by name. */
    private static Env env(Build b, Deployment d, Container base) {
        Map<String, String> values = new HashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        List<String> args = base.getArgs() == null ? List.of() : base.getArgs();
        apply(b, base, values, secrets);
        for (HasMetadata patch : b.patches()) {
            if (patch instanceof Deployment pd && pd.getMetadata().getName().equals(d.getMetadata().getName())
                    && pd.getSpec() != null && pd.getSpec().getTemplate() != null
                    && pd.getSpec().getTemplate().getSpec() != null) {
                for (Container pc : pd.getSpec().getTemplate().getSpec().getContainers()) {
                    if (Objects.equals(pc.getName(), base.getName())) {
                        apply(b, pc, values, secrets);
                        if (pc.getArgs() != null && !pc.getArgs().isEmpty()) {
                            args = pc.getArgs();
                        }
                    }
                }
            }
        }
        return new Env(values, secrets, args);
    }

    private static void apply(Build b, Container c, Map<String, String> values, Set<String> secrets) {
        if (c.getEnvFrom() != null) {
            for (EnvFromSource from : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    values.putAll(configMapData(b, from.getConfigMapRef().getName()));
                }
            }
        }
        if (c.getEnv() == null) {
            return;
        }
        for (EnvVar var : c.getEnv()) {
            values.remove(var.getName());
            secrets.remove(var.getName());
            if (var.getValue() != null) {
                values.put(var.getName(), var.getValue());
            } else if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                secrets.add(var.getName());
            } else if (var.getValueFrom() != null && var.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = var.getValueFrom().getConfigMapKeyRef();
                String value = configMapData(b, ref.getName()).get(ref.getKey());
                if (value != null) {
                    values.put(var.getName(), value);
                }
            }
        }
    }

    private static Map<String, String> configMapData(Build b, String name) {
        Map<String, String> data = new HashMap<>();
        for (List<HasMetadata> layer : List.of(b.objects(), b.patches())) {
            layer.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals(name))
                    .map(o -> ((ConfigMap) o).getData()).filter(Objects::nonNull).forEach(data::putAll);
        }
        return data;
    }

    // ---- secrets --------------------------------------------------------------------------------------------

    /** The repository holds placeholders only: a key or long password here would be public. */
    private void checkSecret(Secret s) {
        Map<String, String> values = new HashMap<>();
        if (s.getStringData() != null) {
            values.putAll(s.getStringData());
        }
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> {
                try {
                    values.put(k, new String(Base64.getDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    problems.add("Secret/" + s.getMetadata().getName() + ": data." + k + " is not base64");
                }
            });
        }
        values.forEach((key, value) -> {
            if (realLooking(value)) {
                problems.add("Secret/" + s.getMetadata().getName() + ": '" + key + "' holds a real-looking value;"
                        + " commit a placeholder (CHANGE-ME) and create the real Secret in the cluster");
            }
        });
    }

    /** Base64 of 16 bytes or more (a key), or any long value that is not a marked placeholder. */
    static boolean realLooking(String value) {
        if (value == null || value.contains("CHANGE-ME") || value.contains("REPLACE-ME")) {
            return false;
        }
        try {
            if (value.length() >= 16 && Base64.getDecoder().decode(value.trim()).length >= 16) {
                return true;
            }
        } catch (IllegalArgumentException e) {
            // not base64: judged by its length below
        }
        return value.length() >= 16;
    }

    // ---- exposure -------------------------------------------------------------------------------------------

    private void checkIngress(Ingress ingress, List<HasMetadata> resources) {
        String id = "Ingress/" + ingress.getMetadata().getName();
        if (ingress.getSpec() == null) {
            problems.add(id + ": no spec");
            return;
        }
        if (ingress.getSpec().getDefaultBackend() != null) {
            problems.add(id + ": a defaultBackend routes every path, " + INTERNAL_PATHS + " included");
        }
        for (IngressRule rule : Optional.ofNullable(ingress.getSpec().getRules()).orElse(List.of())) {
            if (rule.getHttp() == null) {
                continue;
            }
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                String where = id + " " + Optional.ofNullable(rule.getHost()).orElse("*") + path.getPath();
                for (String internal : INTERNAL_PATHS) {
                    if (exposes(path.getPath(), path.getPathType(), internal)) {
                        problems.add(where + ": exposes " + internal + " (it must stay inside the cluster)");
                    }
                }
                checkBackend(where, path, resources);
            }
        }
    }

    static boolean exposes(String path, String pathType, String internal) {
        String p = path == null ? "" : stripSlash(path);
        if ("Exact".equals(pathType)) {
            return p.equals(internal) || p.startsWith(internal + "/");
        }
        // Prefix (element-wise) and ImplementationSpecific (usually a prefix too)
        return p.isEmpty() || internal.equals(p) || internal.startsWith(p + "/") || p.startsWith(internal + "/");
    }

    private void checkBackend(String where, HTTPIngressPath path, List<HasMetadata> resources) {
        var backend = path.getBackend() == null ? null : path.getBackend().getService();
        if (backend == null) {
            problems.add(where + ": no service backend");
            return;
        }
        Optional<Service> service = resources.stream().filter(o -> o instanceof Service
                && o.getMetadata().getName().equals(backend.getName())).map(Service.class::cast).findFirst();
        if (service.isEmpty()) {
            problems.add(where + ": backend Service '" + backend.getName() + "' does not exist");
            return;
        }
        var port = backend.getPort();
        boolean found = port != null && service.get().getSpec().getPorts().stream().anyMatch(p ->
                port.getNumber() != null ? Objects.equals(p.getPort(), port.getNumber())
                        : Objects.equals(p.getName(), port.getName()));
        if (!found) {
            problems.add(where + ": backend port " + (port == null ? null : port.getNumber() != null ? port.getNumber()
                    : port.getName()) + " is not a port of Service/" + backend.getName());
        }
    }

    /** Every pod is selected by an Ingress NetworkPolicy, whose named ports its containers declare. */
    private void checkNetworkPolicies(List<HasMetadata> resources) {
        List<NetworkPolicy> policies = resources.stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast).toList();
        for (NetworkPolicy policy : policies) {
            String id = "NetworkPolicy/" + policy.getMetadata().getName();
            List<Deployment> selected = deployments(resources).stream()
                    .filter(d -> selects(policy.getSpec().getPodSelector(), podLabels(d))).toList();
            if (selected.isEmpty()) {
                problems.add(id + ": podSelector matches no Deployment's pods");
            }
            for (NetworkPolicyIngressRule rule : Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())) {
                for (NetworkPolicyPort port : Optional.ofNullable(rule.getPorts()).orElse(List.of())) {
                    IntOrString p = port.getPort();
                    if (p != null && p.getStrVal() != null) {
                        selected.stream().filter(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()
                                        .noneMatch(c -> c.getPorts() != null && c.getPorts().stream()
                                                .anyMatch(cp -> p.getStrVal().equals(cp.getName()))))
                                .forEach(d -> problems.add(id + ": port '" + p.getStrVal() + "' is not a named port of "
                                        + "Deployment/" + d.getMetadata().getName()));
                    }
                }
            }
        }
        for (Deployment d : deployments(resources)) {
            boolean covered = policies.stream().anyMatch(p -> p.getSpec().getPolicyTypes() != null
                    && p.getSpec().getPolicyTypes().contains("Ingress")
                    && selects(p.getSpec().getPodSelector(), podLabels(d)));
            if (!covered) {
                problems.add("Deployment/" + d.getMetadata().getName()
                        + ": no NetworkPolicy limits who may connect to its pods");
            }
        }
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || labels == null) {
            return false;
        }
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (var e : selector.getMatchExpressions()) {
                String value = labels.get(e.getKey());
                boolean ok = switch (e.getOperator()) {
                    case "In" -> value != null && e.getValues().contains(value);
                    case "NotIn" -> value == null || !e.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static List<Deployment> deployments(List<HasMetadata> objects) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getSpec() != null && d.getSpec().getTemplate() != null
                        && d.getSpec().getTemplate().getSpec() != null
                        && d.getSpec().getTemplate().getSpec().getContainers() != null
                        && !d.getSpec().getTemplate().getSpec().getContainers().isEmpty())
                .toList();
    }

    private static Map<String, String> podLabels(Deployment d) {
        return d.getSpec().getTemplate().getMetadata() == null ? null : d.getSpec().getTemplate().getMetadata().getLabels();
    }

    static boolean isKeycloak(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream()
                .anyMatch(c -> c.getImage() != null && c.getImage().contains("keycloak/keycloak"));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
