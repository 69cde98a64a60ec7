package vn.motcua.local.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time of every process on the machine between two snapshots of {@code /proc} (Linux only), grouped by what the
 * process is: each service's JVM by its jar, PostgreSQL's backends by database (what JFR cannot see: the statements'
 * and triggers' own CPU), PostgreSQL's background processes, this benchmark's JVM (load generator, pollers and the
 * in-process Kafka broker), and everything not started by this benchmark ("other": the other engineers' builds on a
 * shared machine). A process that started and ended between the snapshots is not counted (short-lived ones only).
 */
final class ProcessCpu {
    private static final Pattern JAR = Pattern.compile("-jar\\s+\\S*/([^/\\s]+?)(-\\d[^/\\s]*)?\\.jar");
    private static final long TICKS = 100; // USER_HZ on Linux
    private final Map<Integer, Entry> entries;
    private final long nanos;

    private record Entry(String label, long ticks) {
    }

    private ProcessCpu(Map<Integer, Entry> entries, long nanos) {
        this.entries = entries;
        this.nanos = nanos;
    }

    /** @param marker a text in the command line of this stack's processes not started by this JVM (PostgreSQL's
     *               server is daemonised by pg_ctl, so it is not a descendant: its data directory marks it) */
    static ProcessCpu snapshot(String marker) {
        Map<Integer, Entry> entries = new HashMap<>();
        Map<Integer, Integer> parents = new HashMap<>();
        Map<Integer, String> commands = new HashMap<>();
        Map<Integer, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    // pid (comm) state ppid ... utime(14) stime(15): fields after the closing parenthesis
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    int pid = Integer.parseInt(dir.getFileName().toString());
                    parents.put(pid, Integer.parseInt(f[1]));
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    commands.put(pid, new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').trim());
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we read it
                }
            }
        } catch (IOException e) {
            return new ProcessCpu(Map.of(), System.nanoTime());
        }
        int self = (int) ProcessHandle.current().pid();
        for (Map.Entry<Integer, Long> t : ticks.entrySet()) {
            int pid = t.getKey();
            entries.put(pid, new Entry(label(pid, self, marker, parents, commands), t.getValue()));
        }
        return new ProcessCpu(entries, System.nanoTime());
    }

    private static String label(int pid, int self, String marker, Map<Integer, Integer> parents,
                                Map<Integer, String> commands) {
        if (pid == self) {
            return "benchmark JVM (load generator, pollers, Kafka broker)";
        }
        boolean ours = false;
        for (Integer p = pid; p != null && p > 1; p = parents.get(p)) {
            if (p == self || commands.getOrDefault(p, "").contains(marker)) {
                ours = true;
                break;
            }
        }
        String command = commands.getOrDefault(pid, "");
        if (!ours) {
            return "other (not this stack)";
        }
        if (command.startsWith("postgres: ")) {
            // "postgres: <user> <database> <client> <state>" for a backend, "postgres: <process>" otherwise
            String[] words = command.split("\\s+");
            return words.length >= 4 && words[3].contains("(") ? "PostgreSQL backends, " + words[2]
                    : "PostgreSQL background (WAL writer, checkpointer, ...)";
        }
        Matcher jar = JAR.matcher(command);
        if (jar.find()) {
            return jar.group(1) + " JVM";
        }
        String program = command.split("\\s+")[0];
        return program.endsWith("/postgres") ? "PostgreSQL background (WAL writer, checkpointer, ...)"
                : "stack, other: " + program;
    }

    /**
     * Seconds of CPU per group from {@code before} to this snapshot, largest first, as a Markdown table, with the
     * CPU milliseconds per receipt (of {@code receipts} accepted meanwhile): comparable across runs on a shared
     * machine, where latencies are not.
     */
    String since(ProcessCpu before, int receipts) {
        Map<String, Long> byLabel = new HashMap<>();
        for (Map.Entry<Integer, Entry> e : entries.entrySet()) {
            Entry earlier = before.entries.get(e.getKey());
            long delta = e.getValue().ticks() - (earlier == null ? 0 : earlier.ticks());
            if (delta > 0) {
                byLabel.merge(e.getValue().label(), delta, Long::sum);
            }
        }
        double seconds = (nanos - before.nanos) / 1e9;
        long total = byLabel.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder(String.format(
                "CPU by process over %.0f s (%.1f CPU-s in all, %.2f cores busy on average, %d cores):%n"
                        + "| process | CPU s | share of the CPU used | cores | CPU ms per receipt |%n|---|---|---|---|---|%n",
                seconds, total / (double) TICKS, total / (double) TICKS / seconds,
                Runtime.getRuntime().availableProcessors()));
        List<Map.Entry<String, Long>> sorted = byLabel.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        for (Map.Entry<String, Long> row : sorted) {
            text.append(String.format("| %s | %.1f | %.1f %% | %.2f | %.2f |%n", row.getKey(),
                    row.getValue() / (double) TICKS, 100.0 * row.getValue() / Math.max(1, total),
                    row.getValue() / (double) TICKS / seconds, row.getValue() * 1000.0 / TICKS / Math.max(1, receipts)));
        }
        return text.toString();
    }
}
