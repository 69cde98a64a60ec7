package vn.motcua.bpm.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What else the machine is doing: the load average, to print beside every figure. */
public final class Machine {
    private Machine() {
    }

    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException unknown) {
            return "unknown";
        }
    }
}
