package vn.motcua.local.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where one service's JVM spent its CPU during a window of its flight recording: the execution samples
 * ({@code jdk.ExecutionSample}) counted by the method on top of the stack (where the time is spent) and by the first
 * motcua method on the stack (which of our code paths leads there), and the JVM's average CPU share of the machine
 * ({@code jdk.CPULoad}). The same figures as {@code jfr print --events jdk.ExecutionSample} aggregated by hand, but
 * only for the measured phases (not the start-up and warm-up that the recording also holds).
 */
final class FlightSummary {
    private final Map<String, Integer> topFrames = new HashMap<>();
    private final Map<String, Integer> ownFrames = new HashMap<>();
    private int samples;
    private double jvmCpu;
    private double machineCpu;
    private int cpuReadings;

    private FlightSummary() {
    }

    static FlightSummary of(Path recording, Instant from, Instant to) throws IOException {
        FlightSummary summary = new FlightSummary();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                Instant at = event.getStartTime();
                if (!at.isBefore(from) && !at.isAfter(to)) {
                    summary.add(event);
                }
            }
        }
        return summary;
    }

    private void add(RecordedEvent event) {
        switch (event.getEventType().getName()) {
            case "jdk.ExecutionSample" -> {
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    return;
                }
                samples++;
                topFrames.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
                String own = stack.getFrames().stream()
                        .filter(f -> f.isJavaFrame() && f.getMethod().getType().getName().startsWith("vn.motcua."))
                        .findFirst().map(FlightSummary::name).orElse("(no motcua frame in the sampled stack)");
                ownFrames.merge(own, 1, Integer::sum);
            }
            case "jdk.CPULoad" -> {
                jvmCpu += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                machineCpu += event.getFloat("machineTotal");
                cpuReadings++;
            }
            default -> {
                // other events of the profile settings: not summarised
            }
        }
    }

    String table(String module, int top) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s: %d execution samples; CPU %.1f %% of the machine (whole machine %.1f %%)%n",
                module, samples, cpuReadings == 0 ? Double.NaN : 100 * jvmCpu / cpuReadings,
                cpuReadings == 0 ? Double.NaN : 100 * machineCpu / cpuReadings));
        text.append("| top frame (self) | samples | share |\n|---|---|---|\n");
        rows(text, topFrames, top);
        text.append("| first motcua frame on the stack | samples | share |\n|---|---|---|\n");
        rows(text, ownFrames, top);
        return text.toString();
    }

    private void rows(StringBuilder text, Map<String, Integer> counts, int top) {
        List<Map.Entry<String, Integer>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top).toList();
        for (Map.Entry<String, Integer> row : sorted) {
            text.append(String.format("| `%s` | %d | %.1f %% |%n", row.getKey(), row.getValue(),
                    100.0 * row.getValue() / Math.max(1, samples)));
        }
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }
}
