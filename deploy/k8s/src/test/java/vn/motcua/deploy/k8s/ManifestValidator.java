package vn.motcua.deploy.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Validates the Kustomize tree under deploy/k8s offline: every kustomization's resources and patches exist,
 * every YAML file is used, every object parses against the Kubernetes model without unknown fields, and the
 * rules operators rely on hold (probes, resources, non-root, selectors, references, topics).
 */
final class ManifestValidator {

    static final List<String> CONTRACT_TOPICS =
            List.of("motcua.catalogue.v1", "motcua.dossier.intake.v1", "motcua.dossier.workflow.v1");
    /** Services that consume the dossier topics: more instances than partitions would sit idle. */
    static final Set<String> DOSSIER_CONSUMERS = Set.of("workflow-service", "reporting-service");
    /** motcua's own services (Axon, /health, token checks); other Deployments (Keycloak) follow the general rules. */
    static final Set<String> MOTCUA_SERVICES = Set.of("intake-service", "workflow-service", "reporting-service");
    static final String HEALTH_PATH = "/health";
    private static final Set<String> STANDARD_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");

    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "namespace",
            "namePrefix", "nameSuffix", "labels", "commonLabels", "commonAnnotations", "resources", "components",
            "patches", "images", "replicas", "configMapGenerator", "secretGenerator", "generatorOptions");
    private static final Set<String> PATCH_FIELDS = Set.of("path", "patch", "target", "options");

    /** What the validation found: the problems, and the parsed objects (so a caller can check it saw them). */
    record Report(List<String> problems, List<HasMetadata> resources, List<HasMetadata> patches) {
        long count(String kind) {
            return resources.stream().filter(o -> o.getKind().equals(kind)).count();
        }
    }

    private final Path root;
    private final List<String> problems = new ArrayList<>();
    private final Map<Path, Map<String, Object>> kustomizations = new LinkedHashMap<>();
    private final Map<Path, List<HasMetadata>> objectsByFile = new HashMap<>();
    private final List<HasMetadata> resources = new ArrayList<>();
    private final List<HasMetadata> patches = new ArrayList<>();
    /** Names of ConfigMaps and Secrets that kustomize generates (configMapGenerator, secretGenerator). */
    private final Set<String> generated = new LinkedHashSet<>();
    private final Set<String> realmPlaceholders = new LinkedHashSet<>();

    private ManifestValidator(Path root) {
        this.root = root;
    }

    /** Validates every YAML file under {@code root} (the deploy/k8s directory; src/ and target/ are skipped). */
    static Report validate(Path root) {
        ManifestValidator validator = new ManifestValidator(root.toAbsolutePath().normalize());
        validator.run();
        return new Report(List.copyOf(validator.problems), List.copyOf(validator.resources),
                List.copyOf(validator.patches));
    }

    private void run() {
        List<Path> yamlFiles = yamlFiles();
        if (yamlFiles.isEmpty()) {
            problems.add(root + ": no YAML files");
            return;
        }
        for (Path file : yamlFiles) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                kustomizations.put(file.getParent(), readKustomization(file));
            }
        }
        Set<Path> resourceFiles = new LinkedHashSet<>();
        Set<Path> patchFiles = new LinkedHashSet<>();
        kustomizations.forEach((dir, k) -> checkKustomization(dir, k, resourceFiles, patchFiles));
        for (Path file : yamlFiles) {
            boolean used = file.getFileName().toString().equals("kustomization.yaml")
                    || resourceFiles.contains(file) || patchFiles.contains(file);
            if (!used) {
                problems.add(rel(file) + ": not listed in any kustomization.yaml (it would never be applied)");
            }
        }
        resourceFiles.forEach(file -> resources.addAll(parseFile(file)));
        patchFiles.forEach(file -> patches.addAll(parseFile(file)));
        kustomizations.forEach(this::checkPatchTargetsAndImages);
        checkNames();
        resources.forEach(this::checkObject);
        checkTopicJob(resources.stream().filter(Job.class::isInstance).map(Job.class::cast).toList());
        patches.forEach(this::checkPatch);
        problems.addAll(AccessRules.check(resources, builds(), realmPlaceholders));
    }

    /** Each kustomization as a build: the objects it includes and its own patches. */
    private List<AccessRules.Build> builds() {
        List<AccessRules.Build> builds = new ArrayList<>();
        kustomizations.forEach((dir, k) -> {
            List<HasMetadata> own = new ArrayList<>();
            for (Object entry : list(k.get("patches"))) {
                if (entry instanceof Map<?, ?> patch && patch.get("path") != null) {
                    own.addAll(objectsByFile.getOrDefault(dir.resolve(String.valueOf(patch.get("path"))).normalize(),
                            List.of()));
                }
            }
            builds.add(new AccessRules.Build(rel(dir), objectsOf(dir, new LinkedHashSet<>()), own,
                    dir.getFileName().toString().equals("production")));
        });
        return builds;
    }

    // ---- files and kustomizations -------------------------------------------------------------------------

    private List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !root.relativize(f).startsWith("src") && !root.relativize(f).startsWith("target"))
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readKustomization(Path file) {
        try {
            Object value = KubernetesYaml.MAPPER.readValue(file.toFile(), Object.class);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            problems.add(rel(file) + ": not a mapping");
        } catch (IOException e) {
            problems.add(rel(file) + ": not valid YAML: " + KubernetesYaml.firstLine(e));
        }
        return Map.of();
    }

    private void checkKustomization(Path dir, Map<String, Object> k, Set<Path> resourceFiles, Set<Path> patchFiles) {
        String where = rel(dir.resolve("kustomization.yaml"));
        if (!"kustomize.config.k8s.io/v1beta1".equals(k.get("apiVersion")) || !"Kustomization".equals(k.get("kind"))) {
            problems.add(where + ": apiVersion/kind must be kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        for (String field : k.keySet()) {
            if (!KUSTOMIZATION_FIELDS.contains(field)) {
                problems.add(where + ": unknown field '" + field + "'");
            }
        }
        for (Object entry : list(k.get("resources"))) {
            Path target = dir.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(target)) {
                if (!Files.isRegularFile(target.resolve("kustomization.yaml"))) {
                    problems.add(where + ": resource directory '" + entry + "' has no kustomization.yaml");
                }
            } else if (Files.isRegularFile(target)) {
                resourceFiles.add(target);
            } else {
                problems.add(where + ": resource '" + entry + "' does not exist");
            }
        }
        for (Object entry : list(k.get("patches"))) {
            if (!(entry instanceof Map<?, ?> patch)) {
                problems.add(where + ": a patch must be a mapping with 'path' or 'patch'");
                continue;
            }
            patch.keySet().stream().filter(key -> !PATCH_FIELDS.contains(String.valueOf(key)))
                    .forEach(key -> problems.add(where + ": unknown patch field '" + key + "'"));
            if (patch.get("path") != null) {
                Path target = dir.resolve(String.valueOf(patch.get("path"))).normalize();
                if (Files.isRegularFile(target)) {
                    patchFiles.add(target);
                } else {
                    problems.add(where + ": patch '" + patch.get("path") + "' does not exist");
                }
            } else if (patch.get("patch") == null) {
                problems.add(where + ": a patch needs 'path' or 'patch'");
            }
        }
        for (String kind : List.of("configMapGenerator", "secretGenerator")) {
            for (Object entry : list(k.get(kind))) {
                checkGenerator(where, dir, kind, entry);
            }
        }
    }

    /** A generator's files must exist; a realm export among them is checked as such. */
    private void checkGenerator(String where, Path dir, String kind, Object entry) {
        if (!(entry instanceof Map<?, ?> generator) || generator.get("name") == null) {
            problems.add(where + ": a " + kind + " entry needs a name");
            return;
        }
        generated.add(String.valueOf(generator.get("name")));
        for (Object file : list(generator.get("files"))) {
            String path = String.valueOf(file);
            path = path.contains("=") ? path.substring(path.indexOf('=') + 1) : path;
            Path target = dir.resolve(path).normalize();
            if (!Files.isRegularFile(target)) {
                problems.add(where + ": " + kind + " " + generator.get("name") + ": file '" + path + "' does not exist");
            } else if (target.getFileName().toString().endsWith("realm.json")) {
                RealmExportValidator.Result realm = RealmExportValidator.validate(rel(target), Repo.read(target));
                problems.addAll(realm.problems());
                realmPlaceholders.addAll(realm.placeholders());
            }
        }
    }

    /** The objects a kustomization builds on: its resource files and, recursively, its resource directories. */
    private List<HasMetadata> objectsOf(Path dir, Set<Path> visiting) {
        List<HasMetadata> objects = new ArrayList<>();
        if (!visiting.add(dir)) {
            problems.add(rel(dir) + ": kustomizations include each other in a cycle");
            return objects;
        }
        for (Object entry : list(kustomizations.getOrDefault(dir, Map.of()).get("resources"))) {
            Path target = dir.resolve(String.valueOf(entry)).normalize();
            if (kustomizations.containsKey(target)) {
                objects.addAll(objectsOf(target, visiting));
            } else {
                objects.addAll(objectsByFile.getOrDefault(target, List.of()));
            }
        }
        visiting.remove(dir);
        return objects;
    }

    private void checkPatchTargetsAndImages(Path dir, Map<String, Object> k) {
        String where = rel(dir.resolve("kustomization.yaml"));
        List<HasMetadata> base = objectsOf(dir, new LinkedHashSet<>());
        for (Object entry : list(k.get("patches"))) {
            if (!(entry instanceof Map<?, ?> patch)) {
                continue;
            }
            if (patch.get("target") instanceof Map<?, ?> target) {
                boolean found = base.stream().anyMatch(o ->
                        (target.get("kind") == null || target.get("kind").equals(o.getKind()))
                        && (target.get("name") == null || target.get("name").equals(o.getMetadata().getName())));
                if (!found) {
                    problems.add(where + ": patch target " + target + " matches no object of its resources");
                }
            }
            if (patch.get("path") != null) {
                Path file = dir.resolve(String.valueOf(patch.get("path"))).normalize();
                for (HasMetadata object : objectsByFile.getOrDefault(file, List.of())) {
                    if (patch.get("target") == null && find(base, object.getKind(), object.getMetadata().getName()).isEmpty()) {
                        problems.add(rel(file) + ": patch targets " + id(object)
                                + ", which is not among the resources of " + where);
                    }
                }
            }
        }
        Set<String> imageNames = new LinkedHashSet<>();
        for (HasMetadata object : base) {
            podSpec(object).ifPresent(spec -> spec.getContainers().forEach(c -> imageNames.add(imageName(c.getImage()))));
        }
        for (Object entry : list(k.get("images"))) {
            Object name = entry instanceof Map<?, ?> image ? image.get("name") : null;
            if (name == null || !imageNames.contains(String.valueOf(name))) {
                problems.add(where + ": image override '" + name + "' matches no container image " + imageNames);
            }
        }
    }

    private List<HasMetadata> parseFile(Path file) {
        return objectsByFile.computeIfAbsent(file, f -> {
            String yaml;
            try {
                yaml = Files.readString(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<HasMetadata> objects = new ArrayList<>();
            for (KubernetesYaml.Parsed parsed : KubernetesYaml.parse(rel(f), yaml)) {
                problems.addAll(parsed.problems());
                if (parsed.object() != null) {
                    objects.add(parsed.object());
                }
            }
            if (objects.isEmpty() && problems.stream().noneMatch(p -> p.startsWith(rel(f)))) {
                problems.add(rel(f) + ": no Kubernetes object");
            }
            return objects;
        });
    }

    // ---- rules on objects ---------------------------------------------------------------------------------

    private void checkNames() {
        Set<String> seen = new LinkedHashSet<>();
        for (HasMetadata object : resources) {
            if (!seen.add(id(object))) {
                problems.add(id(object) + ": defined twice");
            }
        }
    }

    private void checkObject(HasMetadata object) {
        if (object instanceof Deployment d) {
            checkDeployment(d);
        } else if (object instanceof Job j) {
            checkJob(j);
        } else if (object instanceof Service s) {
            checkService(s);
        } else if (object instanceof HorizontalPodAutoscaler h) {
            checkHpa(h);
        } else if (object instanceof PodDisruptionBudget p) {
            checkPdb(p);
        }
    }

    private void checkDeployment(Deployment d) {
        String id = id(d);
        var spec = d.getSpec();
        if (spec == null || spec.getTemplate() == null || spec.getTemplate().getSpec() == null) {
            problems.add(id + ": no pod template");
            return;
        }
        Map<String, String> selector = spec.getSelector() == null ? null : spec.getSelector().getMatchLabels();
        Map<String, String> labels = spec.getTemplate().getMetadata() == null ? null
                : spec.getTemplate().getMetadata().getLabels();
        if (selector == null || selector.isEmpty() || labels == null || !labels.entrySet().containsAll(selector.entrySet())) {
            problems.add(id + ": selector " + selector + " does not match the pod template labels " + labels);
        }
        PodSpec pod = spec.getTemplate().getSpec();
        checkPod(id, pod);
        boolean service = MOTCUA_SERVICES.contains(d.getMetadata().getName());
        for (Container c : pod.getContainers()) {
            String where = id + " container " + c.getName();
            checkProbe(where, "readinessProbe", c.getReadinessProbe(), c, service);
            checkProbe(where, "livenessProbe", c.getLivenessProbe(), c, service);
            if (c.getStartupProbe() != null) {
                checkProbe(where, "startupProbe", c.getStartupProbe(), c, service);
            }
            if (service && !"true".equals(env(c).get("AXONIQ_UPDATE_CHECKER_DISABLED"))) {
                problems.add(where + ": AXONIQ_UPDATE_CHECKER_DISABLED=true is not set (Axon must never phone home)");
            }
        }
    }

    private void checkJob(Job job) {
        String id = id(job);
        if (job.getSpec() == null || job.getSpec().getTemplate() == null || job.getSpec().getTemplate().getSpec() == null) {
            problems.add(id + ": no pod template");
            return;
        }
        checkPod(id, job.getSpec().getTemplate().getSpec());
    }

    /** Rules for every pod motcua runs: image, resources, non-root, no escalation, read-only root with /tmp. */
    private void checkPod(String id, PodSpec pod) {
        if (pod.getContainers() == null || pod.getContainers().isEmpty()) {
            problems.add(id + ": no containers");
            return;
        }
        Boolean podNonRoot = pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsNonRoot();
        Set<String> volumes = new LinkedHashSet<>();
        if (pod.getVolumes() != null) {
            pod.getVolumes().forEach(v -> volumes.add(v.getName()));
            for (var v : pod.getVolumes()) {
                if (v.getConfigMap() != null && configMap(v.getConfigMap().getName()) == null
                        && !generated.contains(v.getConfigMap().getName())) {
                    problems.add(id + ": volume '" + v.getName() + "' refers to missing ConfigMap "
                            + v.getConfigMap().getName());
                }
                if (v.getSecret() != null && secret(v.getSecret().getSecretName()) == null
                        && !generated.contains(v.getSecret().getSecretName())) {
                    problems.add(id + ": volume '" + v.getName() + "' refers to missing Secret "
                            + v.getSecret().getSecretName());
                }
            }
        }
        for (Container c : pod.getContainers()) {
            String where = id + " container " + c.getName();
            if (c.getImage() == null || c.getImage().isBlank()) {
                problems.add(where + ": no image");
            }
            checkResources(where, c);
            SecurityContext sc = c.getSecurityContext();
            Boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podNonRoot;
            if (!Boolean.TRUE.equals(nonRoot)) {
                problems.add(where + ": runAsNonRoot is not true");
            }
            if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                problems.add(where + ": allowPrivilegeEscalation must be false");
            }
            if (sc == null || sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                    || !sc.getCapabilities().getDrop().contains("ALL")) {
                problems.add(where + ": capabilities must drop ALL");
            }
            if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                problems.add(where + ": readOnlyRootFilesystem must be true");
            } else if (c.getVolumeMounts() == null
                    || c.getVolumeMounts().stream().noneMatch(m -> "/tmp".equals(m.getMountPath()))) {
                problems.add(where + ": a read-only root needs a writable /tmp mount (the JVM writes there)");
            }
            if (c.getVolumeMounts() != null) {
                c.getVolumeMounts().stream().filter(m -> !volumes.contains(m.getName()))
                        .forEach(m -> problems.add(where + ": mounts undefined volume '" + m.getName() + "'"));
            }
            checkEnvReferences(where, c);
        }
    }

    /** motcua's services answer {@code /health}; other software (Keycloak) its own health paths under it. */
    private void checkProbe(String where, String kind, Probe probe, Container c, boolean service) {
        if (probe == null) {
            problems.add(where + ": no " + kind);
            return;
        }
        String path = probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
        boolean ok = path != null && (path.equals(HEALTH_PATH) || !service && path.startsWith(HEALTH_PATH + "/"));
        if (!ok) {
            problems.add(where + ": " + kind + " must be an HTTP GET on " + HEALTH_PATH + (service ? "" : " or below it"));
            return;
        }
        if (!declaresPort(c, probe.getHttpGet().getPort())) {
            problems.add(where + ": " + kind + " port " + portText(probe.getHttpGet().getPort())
                    + " is not a port of the container");
        }
    }

    /** Resource names the API server accepts: the standard ones, or extended resources with a domain. */
    private void checkResourceNames(String where, Container c) {
        if (c.getResources() == null) {
            return;
        }
        for (var section : List.of(Map.entry("requests", Optional.ofNullable(c.getResources().getRequests())),
                Map.entry("limits", Optional.ofNullable(c.getResources().getLimits())))) {
            section.getValue().orElse(Map.of()).keySet().stream()
                    .filter(name -> !STANDARD_RESOURCES.contains(name) && !name.contains("/"))
                    .forEach(name -> problems.add(where + ": unknown resource '" + name + "' in " + section.getKey()));
        }
    }

    private void checkResources(String where, Container c) {
        checkResourceNames(where, c);
        var resources = c.getResources();
        for (String resource : List.of("cpu", "memory")) {
            BigDecimal request = amount(where, "requests", resources == null ? null : resources.getRequests(), resource);
            BigDecimal limit = amount(where, "limits", resources == null ? null : resources.getLimits(), resource);
            if (request != null && limit != null && limit.compareTo(request) < 0) {
                problems.add(where + ": " + resource + " limit is below its request");
            }
        }
    }

    private BigDecimal amount(String where, String section, Map<String, Quantity> values, String resource) {
        Quantity quantity = values == null ? null : values.get(resource);
        if (quantity == null) {
            problems.add(where + ": no " + resource + " " + section);
            return null;
        }
        try {
            return Quantity.getAmountInBytes(quantity);
        } catch (RuntimeException e) {
            problems.add(where + ": " + resource + " " + section + " '" + quantity + "' is not a quantity");
            return null;
        }
    }

    private void checkEnvReferences(String where, Container c) {
        if (c.getEnvFrom() != null) {
            for (EnvFromSource from : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null && configMap(from.getConfigMapRef().getName()) == null) {
                    problems.add(where + ": envFrom ConfigMap '" + from.getConfigMapRef().getName() + "' does not exist");
                }
                if (from.getSecretRef() != null && secret(from.getSecretRef().getName()) == null) {
                    problems.add(where + ": envFrom Secret '" + from.getSecretRef().getName() + "' does not exist");
                }
            }
        }
        if (c.getEnv() == null) {
            return;
        }
        for (EnvVar var : c.getEnv()) {
            if (var.getValueFrom() == null) {
                continue;
            }
            var cm = var.getValueFrom().getConfigMapKeyRef();
            if (cm != null) {
                ConfigMap map = configMap(cm.getName());
                if (map == null || map.getData() == null || !map.getData().containsKey(cm.getKey())) {
                    problems.add(where + ": env " + var.getName() + " refers to missing ConfigMap key "
                            + cm.getName() + "/" + cm.getKey());
                }
            }
            var sk = var.getValueFrom().getSecretKeyRef();
            if (sk != null) {
                Secret s = secret(sk.getName());
                boolean has = s != null && ((s.getStringData() != null && s.getStringData().containsKey(sk.getKey()))
                        || (s.getData() != null && s.getData().containsKey(sk.getKey())));
                if (!has) {
                    problems.add(where + ": env " + var.getName() + " refers to missing Secret key "
                            + sk.getName() + "/" + sk.getKey());
                }
            }
        }
    }

    private void checkService(Service s) {
        Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
        Optional<Deployment> target = deploymentSelectedBy(selector);
        if (target.isEmpty()) {
            problems.add(id(s) + ": selector " + selector + " matches no Deployment's pods");
            return;
        }
        for (ServicePort port : s.getSpec().getPorts()) {
            boolean ok = target.get().getSpec().getTemplate().getSpec().getContainers().stream()
                    .anyMatch(c -> declaresPort(c, port.getTargetPort() == null
                            ? new IntOrString(port.getPort()) : port.getTargetPort()));
            if (!ok) {
                problems.add(id(s) + ": targetPort " + portText(port.getTargetPort()) + " is not a port of "
                        + id(target.get()));
            }
        }
    }

    private void checkHpa(HorizontalPodAutoscaler h) {
        var spec = h.getSpec();
        if (spec == null) {
            problems.add(id(h) + ": no spec");
            return;
        }
        var ref = spec.getScaleTargetRef();
        if (ref == null || !"Deployment".equals(ref.getKind()) || find(resources, "Deployment", ref.getName()).isEmpty()) {
            problems.add(id(h) + ": scaleTargetRef " + (ref == null ? null : ref.getKind() + "/" + ref.getName())
                    + " is not an existing Deployment");
        }
        int min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
        if (spec.getMaxReplicas() == null || spec.getMaxReplicas() < min) {
            problems.add(id(h) + ": maxReplicas must be set and >= minReplicas");
        }
        boolean cpu = spec.getMetrics() != null && spec.getMetrics().stream().anyMatch(m -> m.getResource() != null
                && "cpu".equals(m.getResource().getName()) && m.getResource().getTarget() != null
                && m.getResource().getTarget().getAverageUtilization() != null);
        if (!cpu) {
            problems.add(id(h) + ": no CPU utilization target");
        }
        checkPartitionBound(id(h), ref == null ? null : ref.getName(), spec.getMaxReplicas());
    }

    private void checkPdb(PodDisruptionBudget p) {
        Map<String, String> selector = p.getSpec() == null || p.getSpec().getSelector() == null ? null
                : p.getSpec().getSelector().getMatchLabels();
        if (deploymentSelectedBy(selector).isEmpty()) {
            problems.add(id(p) + ": selector " + selector + " matches no Deployment's pods");
        }
        if (p.getSpec() == null || p.getSpec().getMinAvailable() == null && p.getSpec().getMaxUnavailable() == null) {
            problems.add(id(p) + ": neither minAvailable nor maxUnavailable");
        }
    }

    /** The topic Job must create the three contract topics; consumers may not outnumber the partitions. */
    private void checkTopicJob(List<Job> jobs) {
        Optional<Job> topicJob = jobs.stream().filter(j -> jobText(j).contains("kafka-topics")).findFirst();
        if (topicJob.isEmpty()) {
            problems.add("no Job creates the Kafka topics");
            return;
        }
        String text = jobText(topicJob.get());
        if (!text.contains("--create")) {
            problems.add(id(topicJob.get()) + ": does not run kafka-topics --create");
        }
        if (!text.contains("retention.ms=-1")) {
            problems.add(id(topicJob.get()) + ": topics must keep every event (retention.ms=-1): rebuilds replay them");
        }
        for (String topic : CONTRACT_TOPICS) {
            if (!text.contains(topic)) {
                problems.add(id(topicJob.get()) + ": does not create contract topic " + topic);
            }
        }
    }

    private void checkPartitionBound(String id, String target, Integer maxReplicas) {
        Integer partitions = dossierPartitions();
        if (target != null && DOSSIER_CONSUMERS.contains(target) && partitions != null && maxReplicas != null && maxReplicas > partitions) {
            problems.add(id + ": maxReplicas " + maxReplicas + " exceeds the " + partitions
                    + " dossier-topic partitions (extra consumers would sit idle)");
        }
    }

    /** An overlay's HPA patch is held to the same partition bound as the base HPA it changes. */
    private void checkPatch(HasMetadata patch) {
        podSpec(patch).map(PodSpec::getContainers).orElse(List.of())
                .forEach(c -> checkResourceNames("patch " + id(patch) + " container " + c.getName(), c));
        if (patch instanceof HorizontalPodAutoscaler h && h.getSpec() != null) {
            String target = h.getSpec().getScaleTargetRef() != null ? h.getSpec().getScaleTargetRef().getName()
                    : find(resources, "HorizontalPodAutoscaler", h.getMetadata().getName())
                            .map(base -> ((HorizontalPodAutoscaler) base).getSpec())
                            .map(spec -> spec.getScaleTargetRef())
                            .map(ref -> ref.getName())
                            .orElse(null);
            checkPartitionBound("patch " + id(h), target, h.getSpec().getMaxReplicas());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Integer dossierPartitions() {
        for (HasMetadata o : resources) {
            if (o instanceof Job j) {
                for (Container c : j.getSpec().getTemplate().getSpec().getContainers()) {
                    String value = env(c).get("DOSSIER_PARTITIONS");
                    if (value != null && value.matches("\\d+")) {
                        return Integer.valueOf(value);
                    }
                }
            }
        }
        return null;
    }

    /** The plain values a container sees: env entries plus envFrom ConfigMaps (later entries win). */
    private Map<String, String> env(Container c) {
        Map<String, String> values = new HashMap<>();
        if (c.getEnvFrom() != null) {
            for (EnvFromSource from : c.getEnvFrom()) {
                ConfigMap map = from.getConfigMapRef() == null ? null : configMap(from.getConfigMapRef().getName());
                if (map != null && map.getData() != null) {
                    values.putAll(map.getData());
                }
            }
        }
        if (c.getEnv() != null) {
            for (EnvVar var : c.getEnv()) {
                if (var.getValue() != null) {
                    values.put(var.getName(), var.getValue());
                }
            }
        }
        return values;
    }

    private Optional<Deployment> deploymentSelectedBy(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return Optional.empty();
        }
        return resources.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getSpec() != null && d.getSpec().getTemplate() != null
                        && d.getSpec().getTemplate().getMetadata() != null
                        && d.getSpec().getTemplate().getMetadata().getLabels() != null
                        && d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .findFirst();
    }

    private static boolean declaresPort(Container c, IntOrString port) {
        if (port == null || c.getPorts() == null) {
            return false;
        }
        return c.getPorts().stream().anyMatch(p -> port.getIntVal() != null
                ? Objects.equals(p.getContainerPort(), port.getIntVal())
                : Objects.equals(p.getName(), port.getStrVal()));
    }

    private static String portText(IntOrString port) {
        return port == null ? "null" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    private static Optional<PodSpec> podSpec(HasMetadata o) {
        if (o instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null) {
            return Optional.ofNullable(d.getSpec().getTemplate().getSpec());
        }
        if (o instanceof Job j && j.getSpec() != null && j.getSpec().getTemplate() != null) {
            return Optional.ofNullable(j.getSpec().getTemplate().getSpec());
        }
        return Optional.empty();
    }

    private static String jobText(Job j) {
        StringBuilder text = new StringBuilder();
        podSpec(j).ifPresent(spec -> spec.getContainers().forEach(c -> {
            if (c.getCommand() != null) {
                c.getCommand().forEach(s -> text.append(s).append('\n'));
            }
            if (c.getArgs() != null) {
                c.getArgs().forEach(s -> text.append(s).append('\n'));
            }
        }));
        return text.toString();
    }

    private static String imageName(String image) {
        if (image == null) {
            return "";
        }
        int at = image.indexOf('@');
        String name = at < 0 ? image : image.substring(0, at);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }

    private ConfigMap configMap(String name) {
        return find(resources, "ConfigMap", name).map(ConfigMap.class::cast).orElse(null);
    }

    private Secret secret(String name) {
        return find(resources, "Secret", name).map(Secret.class::cast).orElse(null);
    }

    private static Optional<HasMetadata> find(List<HasMetadata> objects, String kind, String name) {
        return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .findFirst();
    }

    private static String id(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private String rel(Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
