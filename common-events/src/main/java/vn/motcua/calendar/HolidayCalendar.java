package vn.motcua.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Days off and make-up working days for any year.
 *
 * <p>Lookup order for a date: the office override, then the schedule data if it covers the date's year (the
 * data is authoritative for a covered year: nothing is computed on top of it), else {@link HolidayRules}.
 * A year counts as covered when the data has at least one row dated in it.
 *
 * <p>Immutable and thread-safe.
 */
public final class HolidayCalendar {

    /** Classpath resource with the official civil-service schedules. */
    public static final String OFFICIAL_RESOURCE = "/calendar/vn-civil-service.csv";

    private final Map<LocalDate, CalendarDay> data;
    private final Set<Integer> dataYears;
    private final Map<LocalDate, CalendarDay> overrides;

    private HolidayCalendar(Map<LocalDate, CalendarDay> data, Map<LocalDate, CalendarDay> overrides) {
        this.data = Map.copyOf(data);
        Set<Integer> years = new HashSet<>();
        data.keySet().forEach(d -> years.add(d.getYear()));
        this.dataYears = Set.copyOf(years);
        this.overrides = Map.copyOf(overrides);
    }

    /** The shipped civil-service schedules (2018–2027), computed beyond. Loaded once. */
    public static HolidayCalendar official() {
        return Official.INSTANCE;
    }

    /** A calendar with no data at all: every year computed by {@link HolidayRules}. */
    public static HolidayCalendar computedOnly() {
        return new HolidayCalendar(Map.of(), Map.of());
    }

    /** A calendar from explicit schedule rows. */
    public static HolidayCalendar of(Collection<CalendarDay> days) {
        Map<LocalDate, CalendarDay> byDate = new HashMap<>();
        for (CalendarDay day : days) {
            if (byDate.put(day.date(), day) != null) {
                throw new IllegalArgumentException("duplicate calendar row for " + day.date());
            }
        }
        return new HolidayCalendar(byDate, Map.of());
    }

    /**
     * Parses a schedule in CSV: header {@code date,kind,note}, ISO dates, kind {@code OFF} or {@code WORK}, free
     * note (may contain commas). Blank lines and lines starting with {@code #} are ignored. A note starting with
     * "projected" marks the row {@link CalendarDay.Source#PROJECTED}.
     */
    public static HolidayCalendar fromCsv(Reader reader) {
        return of(parseCsv(reader));
    }

    /**
     * This calendar with an office's own exceptions on top (e.g. a provincial day off, or a desk opened on a
     * Saturday). Overrides stack: a later override wins over an earlier one and over the data.
     */
    public HolidayCalendar withOverride(Set<LocalDate> extraDaysOff, Set<LocalDate> extraWorkingDays) {
        Set<LocalDate> both = new HashSet<>(extraDaysOff);
        both.retainAll(extraWorkingDays);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("dates both off and working: " + new TreeSet<>(both));
        }
        Map<LocalDate, CalendarDay> merged = new HashMap<>(overrides);
        extraDaysOff.forEach(d -> merged.put(d, new CalendarDay(d, DayKind.OFF, "office day off", CalendarDay.Source.OFFICE)));
        extraWorkingDays.forEach(d -> merged.put(d, new CalendarDay(d, DayKind.WORK, "office working day", CalendarDay.Source.OFFICE)));
        return new HolidayCalendar(data, merged);
    }

    /** The exception in force on {@code date}, if any; empty means an ordinary day of the week. */
    public Optional<CalendarDay> entry(LocalDate date) {
        CalendarDay override = overrides.get(date);
        if (override != null) {
            return Optional.of(override);
        }
        if (dataYears.contains(date.getYear())) {
            return Optional.ofNullable(data.get(date));
        }
        return computed(date.getYear()).stream().filter(d -> d.date().equals(date)).findFirst();
    }

    /** True if {@code date} is a holiday, compensation or swapped day off (whatever its weekday). */
    public boolean isDayOff(LocalDate date) {
        return entry(date).map(d -> d.kind() == DayKind.OFF).orElse(false);
    }

    /** True if {@code date} is a make-up working day (ngày làm bù). */
    public boolean isMakeUpWorkingDay(LocalDate date) {
        return entry(date).map(d -> d.kind() == DayKind.WORK).orElse(false);
    }

    /** All exceptions of {@code year} in force (data or computed, with overrides), sorted by date. */
    public List<CalendarDay> entries(int year) {
        Map<LocalDate, CalendarDay> byDate = new TreeMap<>();
        Stream<CalendarDay> base = dataYears.contains(year)
                ? data.values().stream().filter(d -> d.date().getYear() == year)
                : computed(year).stream();
        base.forEach(d -> byDate.put(d.date(), d));
        overrides.values().stream().filter(d -> d.date().getYear() == year).forEach(d -> byDate.put(d.date(), d));
        return List.copyOf(byDate.values());
    }

    /** True if the schedule data (rather than the fallback rules) decides {@code year}. */
    public boolean hasDataFor(int year) {
        return dataYears.contains(year);
    }

    /** The years the schedule data covers, ascending. */
    public List<Integer> dataYears() {
        return dataYears.stream().sorted(Comparator.naturalOrder()).toList();
    }

    /** Computing a year runs the lunar conversion; deadlines ask for the same few years millions of times. */
    private static final Map<Integer, List<CalendarDay>> COMPUTED_YEARS = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<CalendarDay> computed(int year) {
        return COMPUTED_YEARS.computeIfAbsent(year, HolidayRules::compute);
    }

    static List<CalendarDay> parseCsv(Reader reader) {
        try (BufferedReader in = new BufferedReader(reader)) {
            List<CalendarDay> days = new java.util.ArrayList<>();
            String line;
            int lineNo = 0;
            boolean header = true;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    if (!trimmed.replace(" ", "").equalsIgnoreCase("date,kind,note")) {
                        throw new IllegalArgumentException("line " + lineNo + ": expected header date,kind,note");
                    }
                    continue;
                }
                String[] cols = trimmed.split(",", 3);
                if (cols.length < 2) {
                    throw new IllegalArgumentException("line " + lineNo + ": expected date,kind,note: " + line);
                }
                try {
                    LocalDate date = LocalDate.parse(cols[0].strip());
                    DayKind kind = DayKind.valueOf(cols[1].strip().toUpperCase(java.util.Locale.ROOT));
                    String note = cols.length > 2 ? cols[2].strip() : "";
                    CalendarDay.Source source = note.toLowerCase(java.util.Locale.ROOT).startsWith("projected")
                            ? CalendarDay.Source.PROJECTED : CalendarDay.Source.OFFICIAL;
                    days.add(new CalendarDay(date, kind, note, source));
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage(), e);
                }
            }
            return days;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lazy holder: the resource is read on first use, once per class loader. */
    private static final class Official {
        static final HolidayCalendar INSTANCE = load();

        private static HolidayCalendar load() {
            InputStream in = HolidayCalendar.class.getResourceAsStream(OFFICIAL_RESOURCE);
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + OFFICIAL_RESOURCE);
            }
            return fromCsv(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }
}
