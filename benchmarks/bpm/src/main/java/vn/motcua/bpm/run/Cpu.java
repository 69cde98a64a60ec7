package vn.motcua.bpm.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Process CPU time: other load on the machine does not distort it, unlike rates. */
public final class Cpu {
    private Cpu() {
    }

    /** This JVM's CPU time (every thread, JIT and GC included). */
    public static Duration self() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return Duration.ofNanos(os.getProcessCpuTime());
    }

    /** Another process's CPU time (user + system) from {@code /proc/<pid>/stat}; zero if it is gone. */
    public static Duration of(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // proc(5): after "pid (comm) " come state, ppid, ...; utime and stime are fields 14 and 15.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Duration.ofMillis(ticks * 10); // USER_HZ = 100
        } catch (IOException | RuntimeException gone) {
            return Duration.ZERO;
        }
    }
}
