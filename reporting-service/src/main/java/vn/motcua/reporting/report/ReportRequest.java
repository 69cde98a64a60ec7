package vn.motcua.reporting.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import vn.motcua.reporting.web.FieldError;
import vn.motcua.reporting.web.ProblemException;

/**
 * A validated report query: office, inclusive local dates, scope. Built from the raw query strings so that
 * every bad value is reported by field name in one 400 answer instead of a framework conversion error.
 */
public record ReportRequest(String officeId, LocalDate from, LocalDate to, Scope scope) {
    private static final Pattern OFFICE_ID = Pattern.compile("[A-Za-z0-9.]{1,64}");

    public static ReportRequest parse(String officeId, String from, String to, String period, String scope) {
        List<FieldError> errors = new ArrayList<>();
        String office = officeId == null ? null : officeId.trim();
        if (office == null || office.isEmpty()) {
            errors.add(new FieldError("officeId", "is required"));
        } else if (!OFFICE_ID.matcher(office).matches()) {
            errors.add(new FieldError("officeId", "must be an agency code of letters, digits and dots"));
        }
        LocalDate fromDate = null;
        LocalDate toDate = null;
        if (present(period)) {
            if (present(from) || present(to)) {
                errors.add(new FieldError("period", "give either period or from/to, not both"));
            }
            StandardPeriod standard = StandardPeriod.parse(period).orElse(null);
            if (standard == null) {
                errors.add(new FieldError("period", "must be YYYY, YYYY-H1|H2, YYYY-Q1..Q4 or YYYY-MM"));
            } else {
                fromDate = standard.from();
                toDate = standard.to();
            }
        } else {
            fromDate = date("from", from, errors);
            toDate = date("to", to, errors);
            if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
                errors.add(new FieldError("from", "must not be after to (" + toDate + ")"));
            }
        }
        Scope parsedScope = Scope.SELF;
        if (present(scope)) {
            try {
                parsedScope = Scope.valueOf(scope.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("scope", "must be one of self, subtree"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new ReportRequest(office, fromDate, toDate, parsedScope);
    }

    public static Breakdown parseBreakdown(String by) {
        if (!present(by)) {
            throw ProblemException.invalid(List.of(new FieldError("by", "is required: office, field or procedure")));
        }
        try {
            return Breakdown.valueOf(by.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new FieldError("by", "must be one of office, field, procedure")));
        }
    }

    public static Ranking.Measure parseMeasure(String by) {
        if (!present(by)) {
            throw ProblemException.invalid(List.of(new FieldError("by", "is required: onTime, online or resolved")));
        }
        try {
            return Ranking.Measure.parse(by);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new FieldError("by", "must be one of onTime, online, resolved")));
        }
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        if (!present(value)) {
            errors.add(new FieldError(field, "is required (a local date, YYYY-MM-DD), or give period"));
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date YYYY-MM-DD"));
            return null;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
