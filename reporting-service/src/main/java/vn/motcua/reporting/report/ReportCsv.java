package vn.motcua.reporting.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * CSV renderings of the reports: UTF-8 with a byte-order mark so Excel shows Vietnamese names correctly,
 * one header line, CRLF line ends (RFC 4180), fields quoted when they need it.
 */
public final class ReportCsv {
    public static final String MEDIA_TYPE = "text/csv";
    private static final String BOM = "\uFEFF";
    private static final String FIGURE_COLUMNS = "received_total,received_carried_over,received_online,"
            + "received_in_person,received_postal,resolved_total,resolved_early,resolved_on_time,resolved_late,"
            + "withdrawn,in_progress_total,in_progress_within_deadline,in_progress_overdue,"
            + "in_progress_awaiting_supplement,online_eligible,online_submitted,apologies_sent,"
            + "apologies_sent_in_time,apologies_late_without_letter,rate_resolved,rate_on_time,rate_online";

    private ReportCsv() {
    }

    public static String report(DossierReport r) {
        StringBuilder out = new StringBuilder(BOM).append("office_id,from,to,scope,").append(FIGURE_COLUMNS)
                .append("\r\n");
        out.append(field(r.officeId())).append(',').append(r.from()).append(',').append(r.to()).append(',')
                .append(r.scope()).append(',');
        figures(out, new Figures(r.received(), r.resolved(), r.withdrawn(), r.inProgress(), r.online(),
                r.apologies(), r.rates()));
        return out.append("\r\n").toString();
    }

    public static String breakdown(BreakdownReport b) {
        StringBuilder out = new StringBuilder(BOM).append("office_id,from,to,by,key,label,").append(FIGURE_COLUMNS)
                .append("\r\n");
        List<BreakdownReport.Row> rows = new java.util.ArrayList<>(b.rows());
        rows.add(b.total());
        for (BreakdownReport.Row row : rows) {
            out.append(field(b.officeId())).append(',').append(b.from()).append(',').append(b.to()).append(',')
                    .append(b.by()).append(',').append(field(row.key())).append(',').append(field(row.label()))
                    .append(',');
            figures(out, row.figures());
            out.append("\r\n");
        }
        return out.toString();
    }

    private static void figures(StringBuilder out, Figures f) {
        long[] values = {f.received().total(), f.received().carriedOver(), f.received().online(),
                f.received().inPerson(), f.received().postal(), f.resolved().total(), f.resolved().early(),
                f.resolved().onTime(), f.resolved().late(), f.withdrawn(), f.inProgress().total(),
                f.inProgress().withinDeadline(), f.inProgress().overdue(), f.inProgress().awaitingSupplement(),
                f.online().eligible(), f.online().submitted(), f.apologies().sent(), f.apologies().sentInTime(),
                f.apologies().lateWithoutLetter()};
        for (long v : values) {
            out.append(v).append(',');
        }
        out.append(rate(f.rates().resolved())).append(',').append(rate(f.rates().onTime())).append(',')
                .append(rate(f.rates().online()));
    }

    private static String rate(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
