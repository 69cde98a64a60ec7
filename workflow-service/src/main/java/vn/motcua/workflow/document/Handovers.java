package vn.motcua.workflow.document;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.workflow.dossier.DossierStatus;
import vn.motcua.workflow.dossier.DossierView;
import vn.motcua.workflow.dossier.DossierView.HistoryLine;

/**
 * The lines of the processing control slip (form 05): every handover of the dossier, from whom to whom, when, by
 * whom, and for each step that ends in a handover whether it ended early, on time or late against its share.
 *
 * <p><b>The step's share of the time.</b> No internal process (quy trình nội bộ) with per-unit times is held here,
 * so the statutory time is shared equally: the statutory clock runs in periods, from the receipt (or from a
 * complete supplement, which restarts it) to that period's due date, in working time of the office's calendar.
 * A period's steps are the spans between consecutive handovers that the office makes while the clock runs (the
 * desk to the first unit, unit to unit, the last unit handing the result back, or asking the applicant for a
 * supplement, which stops the clock); a step still open when the slip is printed counts as one more. Each step
 * gets {@code period's working time / steps} and is judged like a resolution (DOMAIN.md "Timeliness"): late after
 * its start plus its share, early on a calendar day before the day that share ends, on time otherwise. A step
 * added later shortens the shares, so a reprint may judge earlier steps more strictly; the slip says so.
 */
final class Handovers {
    static final String DESK = "Bộ phận tiếp nhận và trả kết quả";
    static final String APPLICANT = "Tổ chức, cá nhân";

    enum Judgement {
        EARLY("Trước hạn"), ON_TIME("Đúng hạn"), LATE("Quá hạn");

        final String label;

        Judgement(String label) {
            this.label = label;
        }
    }

    /** One line: a judged step has its {@code deadline} and {@code judgement}; other lines have neither. */
    record Line(String action, String from, String to, Instant at, String by, Instant deadline, Judgement judgement,
                String note) {
    }

    private Handovers() {
    }

    static List<Line> of(DossierView dossier, WorkingCalendar calendar, Function<String, String> officeNames) {
        boolean open = dossier.status() == DossierStatus.RECEIVED || dossier.status() == DossierStatus.IN_PROCESS;
        return of(dossier.history() == null ? List.of() : dossier.history(), open, dossier.officeId(), calendar,
                officeNames);
    }

    /**
     * @param open        the dossier is still being processed (its current step counts as one more)
     * @param officeNames names of offices by id (a transfer to another office), or null when unknown
     */
    static List<Line> of(List<HistoryLine> history, boolean open, String officeId, WorkingCalendar calendar,
                         Function<String, String> officeNames) {
        Shares shares = new Shares(history, open, calendar);
        List<Line> lines = new ArrayList<>();
        String unit = null; // null: the dossier is at the desk
        for (HistoryLine h : history) {
            String holder = unit == null ? DESK : unit;
            Map<String, Object> d = h.details() == null ? Map.of() : h.details();
            switch (h.kind()) {
                case "RECEIVED" -> lines.add(new Line("Tiếp nhận hồ sơ", APPLICANT, DESK, h.at(), h.by(), null, null,
                        "Hạn trả kết quả: " + shares.local(instant(d.get("dueAt")))));
                case "TRANSFERRED" -> {
                    String to = text(d.get("to"));
                    String toOffice = text(d.get("toOfficeId"));
                    if (toOffice != null && !toOffice.equals(officeId)) {
                        String name = officeNames.apply(toOffice);
                        to = to + " (" + (name == null ? toOffice : name) + ")";
                    }
                    lines.add(shares.judged("Chuyển hồ sơ", holder, to, h, text(d.get("note"))));
                    unit = text(d.get("to"));
                }
                case "SUPPLEMENT_REQUESTED" -> lines.add(shares.judged("Yêu cầu bổ sung hồ sơ", holder, APPLICANT, h,
                        text(d.get("reason"))));
                case "SUPPLEMENT_RECEIVED" -> lines.add(new Line("Nhận hồ sơ bổ sung", APPLICANT, holder, h.at(),
                        h.by(), null, null, "Hạn trả kết quả mới: " + shares.local(instant(d.get("dueAt")))));
                case "RESOLVED" -> {
                    lines.add(shares.judged("Chuyển kết quả giải quyết", holder, DESK, h,
                            "REFUSED".equals(text(d.get("outcome"))) ? "Từ chối giải quyết" : "Đã giải quyết"));
                    unit = null;
                }
                case "RETURNED" -> lines.add(new Line("Trả kết quả", DESK, APPLICANT, h.at(), h.by(), null, null,
                        null));
                case "WITHDRAWN" -> lines.add(new Line("Rút hồ sơ", holder, APPLICANT, h.at(), h.by(), null, null,
                        text(d.get("reason"))));
                default -> {
                    // due soon, overdue, apology letters: not handovers (the letters are listed under the table)
                }
            }
        }
        return lines;
    }

    /** The equal shares of each clock period, worked out over the whole history first. */
    private static final class Shares {
        private final WorkingCalendar calendar;
        private final Map<HistoryLine, Duration> shareOf = new java.util.IdentityHashMap<>();
        private final Map<HistoryLine, Instant> startOf = new java.util.IdentityHashMap<>();

        Shares(List<HistoryLine> history, boolean open, WorkingCalendar calendar) {
            this.calendar = calendar;
            Instant periodStart = null;
            Instant periodDue = null;
            Instant stepStart = null;
            List<HistoryLine> steps = new ArrayList<>();
            for (HistoryLine h : history) {
                Map<String, Object> d = h.details() == null ? Map.of() : h.details();
                switch (h.kind()) {
                    case "RECEIVED", "SUPPLEMENT_RECEIVED" -> {
                        close(steps, periodStart, periodDue, 0);
                        periodStart = h.at();
                        periodDue = instant(d.get("dueAt"));
                        stepStart = h.at();
                    }
                    case "TRANSFERRED", "SUPPLEMENT_REQUESTED", "RESOLVED" -> {
                        if (periodStart != null) {
                            steps.add(h);
                            startOf.put(h, stepStart);
                            stepStart = h.at();
                        }
                        if (!h.kind().equals("TRANSFERRED")) {
                            close(steps, periodStart, periodDue, 0);
                            periodStart = null;
                        }
                    }
                    case "WITHDRAWN" -> {
                        close(steps, periodStart, periodDue, 0);
                        periodStart = null;
                    }
                    default -> {
                    }
                }
            }
            close(steps, periodStart, periodDue, open ? 1 : 0);
        }

        private void close(List<HistoryLine> steps, Instant start, Instant due, int stillOpen) {
            int n = steps.size() + stillOpen;
            if (start != null && due != null && n > 0) {
                Duration share = calendar.workingTimeBetween(start, due).dividedBy(n);
                steps.forEach(s -> shareOf.put(s, share));
            }
            steps.clear();
        }

        Line judged(String action, String from, String to, HistoryLine h, String note) {
            Duration share = shareOf.get(h);
            Instant start = startOf.get(h);
            if (share == null || start == null) {
                return new Line(action, from, to, h.at(), h.by(), null, null, note);
            }
            Instant deadline = calendar.addWorkingHours(start, share);
            return new Line(action, from, to, h.at(), h.by(), deadline, judge(h.at(), deadline), note);
        }

        /** The resolution's rule (DOMAIN.md "Timeliness") applied to one step's own deadline. */
        private Judgement judge(Instant at, Instant deadline) {
            if (at.isAfter(deadline)) {
                return Judgement.LATE;
            }
            return at.atZone(calendar.zone()).toLocalDate().isBefore(deadline.atZone(calendar.zone()).toLocalDate())
                    ? Judgement.EARLY : Judgement.ON_TIME;
        }

        String local(Instant t) {
            return t == null ? "—" : vn.motcua.print.VietnameseText.time(t.atZone(calendar.zone()));
        }
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** History details keep instants as ISO strings (or epoch seconds, as some serializers write them). */
    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            BigDecimal seconds = new BigDecimal(n.toString());
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(value.toString());
    }
}
