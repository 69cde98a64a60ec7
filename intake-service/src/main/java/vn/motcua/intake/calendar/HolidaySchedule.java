package vn.motcua.intake.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which dates civil servants are off and which weekend dates they work (make-up Saturdays), as data.
 *
 * <p>The data file has one line per exceptional date: {@code yyyy-MM-dd,OFF|WORK,description}; '#' starts a
 * comment. Everything else follows the weekly rule (Monday–Friday work). An office override is another schedule
 * layered on top with {@link #overriddenBy}.
 */
public final class HolidaySchedule {
    /** Holidays of the official civil-service schedules, shipped with the service. */
    public static final String VIETNAM_RESOURCE = "/calendar/vn-civil-service-holidays.csv";

    private final Map<LocalDate, Boolean> exceptions; // true = working day, false = day off

    private HolidaySchedule(Map<LocalDate, Boolean> exceptions) {
        this.exceptions = Map.copyOf(exceptions);
    }

    /** Only the weekly rule: Monday to Friday. */
    public static HolidaySchedule weekendsOnly() {
        return new HolidaySchedule(Map.of());
    }

    /** The official Vietnamese schedules shipped as a resource. */
    public static HolidaySchedule vietnam() {
        try (InputStream in = HolidaySchedule.class.getResourceAsStream(VIETNAM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + VIETNAM_RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HolidaySchedule parse(InputStream in) throws IOException {
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        Set<LocalDate> seen = new HashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] parts = content.split(",", 3);
            try {
                LocalDate date = LocalDate.parse(parts[0].strip());
                String kind = parts.length > 1 ? parts[1].strip() : "";
                if (!seen.add(date)) {
                    throw new IllegalArgumentException("line " + number + ": date listed twice: " + date);
                }
                switch (kind) {
                    case "OFF" -> exceptions.put(date, false);
                    case "WORK" -> exceptions.put(date, true);
                    default -> throw new IllegalArgumentException("line " + number + ": kind must be OFF or WORK");
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("line " + number + ": bad date: " + parts[0], e);
            }
        }
        return new HolidaySchedule(exceptions);
    }

    /** This schedule with another one's dates taking precedence (e.g. an office's own days off). */
    public HolidaySchedule overriddenBy(HolidaySchedule override) {
        Map<LocalDate, Boolean> merged = new HashMap<>(exceptions);
        merged.putAll(override.exceptions);
        return new HolidaySchedule(merged);
    }

    public boolean isWorkingDay(LocalDate date) {
        Boolean exception = exceptions.get(date);
        if (exception != null) {
            return exception;
        }
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }
}
