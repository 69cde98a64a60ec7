package vn.motcua.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a service Dockerfile for what compose and Kubernetes rely on: JRE 25, non-root, the jar, /health. */
final class DockerfileValidator {

    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)");

    private DockerfileValidator() {
    }

    static List<String> validate(String service, int port, String dockerfile) {
        List<String> problems = new ArrayList<>();
        String where = service + "/Dockerfile";
        if (!dockerfile.matches("(?s).*(?m)^FROM\\s+eclipse-temurin:25-jre\\S*\\s*$.*")) {
            problems.add(where + ": base image must be eclipse-temurin:25-jre (small JRE 25)");
        }
        Matcher user = USER.matcher(dockerfile);
        String last = null;
        while (user.find()) {
            last = user.group(1);
        }
        // Numeric, so that Kubernetes' runAsNonRoot can verify it; never root.
        if (last == null || !last.matches("[1-9]\\d*(:\\d+)?")) {
            problems.add(where + ": must end with a numeric non-root USER (is " + last + ")");
        }
        String jar = service + "/target/" + service + "-0.1.0-SNAPSHOT.jar";
        if (!dockerfile.matches("(?s).*(?m)^COPY\\s+(--\\S+\\s+)*" + Pattern.quote(jar) + "\\s.*")) {
            problems.add(where + ": must COPY the runnable jar " + jar);
        }
        if (!dockerfile.matches("(?s).*(?m)^EXPOSE\\s+" + port + "\\b.*")) {
            problems.add(where + ": must EXPOSE " + port);
        }
        if (!dockerfile.matches("(?s).*(?m)^HEALTHCHECK\\s.*https?://[^/\\s\"]+/health([\"'\\s].*|$)")) {
            problems.add(where + ": HEALTHCHECK must call /health");
        }
        if (!dockerfile.contains("-XX:MaxRAMPercentage=")) {
            problems.add(where + ": JVM heap must follow the container limit (-XX:MaxRAMPercentage)");
        }
        if (!dockerfile.matches("(?s).*AXONIQ_UPDATE_CHECKER_DISABLED=true.*")) {
            problems.add(where + ": AXONIQ_UPDATE_CHECKER_DISABLED=true is not set (Axon must never phone home)");
        }
        return problems;
    }
}
