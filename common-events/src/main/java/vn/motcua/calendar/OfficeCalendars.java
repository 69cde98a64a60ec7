package vn.motcua.calendar;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The calendar each office counts deadlines with: the national schedule, refined by an office's own file when it
 * has one (a provincial day off, a desk opened on a Saturday). Override files are named {@code <officeId>.csv} in
 * the schedule format ({@code date,kind,note}).
 */
public final class OfficeCalendars {
    private final WorkingCalendar national;
    private final Map<String, WorkingCalendar> byOffice;

    public OfficeCalendars(WorkingCalendar national, Map<String, WorkingCalendar> byOffice) {
        this.national = national;
        this.byOffice = Map.copyOf(byOffice);
    }

    /** The national calendar everywhere. */
    public static OfficeCalendars national(WorkingCalendar national) {
        return new OfficeCalendars(national, Map.of());
    }

    /** The national calendar with the override files found in {@code directory} (none if null or missing). */
    public static OfficeCalendars load(WorkingCalendar national, Path directory) {
        Map<String, WorkingCalendar> calendars = new HashMap<>();
        if (directory != null && Files.isDirectory(directory)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.csv")) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    String officeId = name.substring(0, name.length() - ".csv".length());
                    calendars.put(officeId, overridden(national, file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new OfficeCalendars(national, calendars);
    }

    private static WorkingCalendar overridden(WorkingCalendar national, Path file) throws IOException {
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> work = new HashSet<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CalendarDay day : HolidayCalendar.parseCsv(reader)) {
                (day.kind() == DayKind.OFF ? off : work).add(day.date());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return national.withOverride(off, work);
    }

    public WorkingCalendar national() {
        return national;
    }

    public WorkingCalendar forOffice(String officeId) {
        return byOffice.getOrDefault(officeId, national);
    }

    public Set<String> officesWithOverrides() {
        return byOffice.keySet();
    }
}
