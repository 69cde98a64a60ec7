package vn.motcua.reporting.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * XLSX renderings in the layout of form 06 (Circular 01/2018/TT-VPCP): a title, the office and period, a
 * three-row header with merged group cells and Vietnamese headings, then one row per office, field, procedure or
 * interval. Counts are numbers, rates are numbers with a percent format (never text), one sheet per view.
 */
public final class ReportXlsx {
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** First row of the header; data starts at HEADER_ROW + 3. */
    public static final int HEADER_ROW = 3;
    public static final int FIRST_DATA_ROW = HEADER_ROW + 3;
    private static final String TITLE = "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH";

    /** One column of figures: group heading (row 1), sub-group (row 2, may be null), own heading, value. */
    record Column(String group, String sub, String heading, Function<Figures, Number> value, boolean rate) {
    }

    private static Column count(String group, String sub, String heading, Function<Figures, Long> value) {
        return new Column(group, sub, heading, value::apply, false);
    }

    private static final String RECEIVED = "Số hồ sơ nhận giải quyết";
    private static final String NEW = "Số mới tiếp nhận";
    private static final String RESOLVED = "Số hồ sơ đã giải quyết";
    private static final String IN_PROGRESS = "Số hồ sơ đang giải quyết";
    private static final String ONLINE = "Dịch vụ công trực tuyến";
    private static final String APOLOGY = "Văn bản xin lỗi";
    private static final String RATES = "Tỷ lệ";

    /** The figure columns in form 06 order; {@link #FIGURE_PATHS} names each column's JSON path. */
    static final List<Column> FIGURES = List.of(
            count(RECEIVED, null, "Tổng số", f -> f.received().total()),
            count(RECEIVED, null, "Từ kỳ trước chuyển qua", f -> f.received().carriedOver()),
            count(RECEIVED, NEW, "Trực tuyến", f -> f.received().online()),
            count(RECEIVED, NEW, "Trực tiếp", f -> f.received().inPerson()),
            count(RECEIVED, NEW, "Dịch vụ bưu chính", f -> f.received().postal()),
            count(RESOLVED, null, "Tổng số", f -> f.resolved().total()),
            count(RESOLVED, null, "Trước hạn", f -> f.resolved().early()),
            count(RESOLVED, null, "Đúng hạn", f -> f.resolved().onTime()),
            count(RESOLVED, null, "Quá hạn", f -> f.resolved().late()),
            count(null, null, "Số hồ sơ rút", Figures::withdrawn),
            count(IN_PROGRESS, null, "Tổng số", f -> f.inProgress().total()),
            count(IN_PROGRESS, null, "Trong hạn", f -> f.inProgress().withinDeadline()),
            count(IN_PROGRESS, null, "Quá hạn", f -> f.inProgress().overdue()),
            count(IN_PROGRESS, null, "Chờ bổ sung", f -> f.inProgress().awaitingSupplement()),
            count(ONLINE, null, "Hồ sơ thuộc DVC trực tuyến", f -> f.online().eligible()),
            count(ONLINE, null, "Nộp trực tuyến", f -> f.online().submitted()),
            count(APOLOGY, null, "Đã gửi", f -> f.apologies().sent()),
            count(APOLOGY, null, "Gửi đúng hạn", f -> f.apologies().sentInTime()),
            count(APOLOGY, null, "Quá hạn chưa có văn bản", f -> f.apologies().lateWithoutLetter()),
            new Column(RATES, null, "Giải quyết", f -> f.rates().resolved(), true),
            new Column(RATES, null, "Đúng hạn", f -> f.rates().onTime(), true),
            new Column(RATES, null, "Trực tuyến", f -> f.rates().online(), true));

    /** The JSON path of each figure column, in order (for the tests and the console's exports). */
    public static final List<String> FIGURE_PATHS = List.of("received.total", "received.carriedOver",
            "received.online", "received.inPerson", "received.postal", "resolved.total", "resolved.early",
            "resolved.onTime", "resolved.late", "withdrawn", "inProgress.total", "inProgress.withinDeadline",
            "inProgress.overdue", "inProgress.awaitingSupplement", "online.eligible", "online.submitted",
            "apologies.sent", "apologies.sentInTime", "apologies.lateWithoutLetter", "rates.resolved",
            "rates.onTime", "rates.online");

    private record Line(String label, Figures figures) {
    }

    private ReportXlsx() {
    }

    public static byte[] report(DossierReport r) {
        return form06("Báo cáo", r.officeId(), r.from(), r.to(), "Đơn vị",
                List.of(new Line(r.officeId(), figures(r))));
    }

    public static byte[] breakdown(BreakdownReport b) {
        List<Line> lines = new ArrayList<>();
        b.rows().forEach(row -> lines.add(new Line(row.label(), row.figures())));
        lines.add(new Line("Tổng cộng", b.total().figures()));
        String heading = switch (b.by()) {
            case "field" -> "Lĩnh vực";
            case "procedure" -> "Thủ tục";
            default -> "Đơn vị";
        };
        return form06("Theo " + heading.toLowerCase(), b.officeId(), b.from(), b.to(), heading, lines);
    }

    public static byte[] series(SeriesReport s) {
        List<Line> lines = new ArrayList<>();
        s.rows().forEach(r -> lines.add(new Line(r.from() + " – " + r.to(), figures(r))));
        return form06("Theo thời gian", s.officeId(), s.from(), s.to(), "Kỳ", lines);
    }

    public static byte[] ranking(Ranking r) {
        return write(wb -> {
            Worksheet ws = wb.newWorksheet("Xếp hạng");
            String measure = switch (r.by()) {
                case "online" -> "Tỷ lệ hồ sơ nộp trực tuyến";
                case "resolved" -> "Tỷ lệ hồ sơ đã giải quyết";
                default -> "Tỷ lệ giải quyết đúng hạn";
            };
            title(ws, "XẾP HẠNG CÁC ĐƠN VỊ TRỰC THUỘC – " + measure.toUpperCase(), r.officeId(), r.from(), r.to(),
                    5);
            String[] headings = {"Hạng", "Mã đơn vị", "Tên đơn vị", measure, "Tử số", "Mẫu số"};
            for (int c = 0; c < headings.length; c++) {
                ws.value(HEADER_ROW, c, headings[c]);
            }
            headerStyle(ws, HEADER_ROW, 0, HEADER_ROW, headings.length - 1);
            int row = HEADER_ROW + 1;
            for (Ranking.Entry e : r.rows()) {
                if (e.rank() != null) {
                    ws.value(row, 0, e.rank());
                }
                ws.value(row, 1, e.officeId());
                ws.value(row, 2, e.name());
                if (e.rate() != null) {
                    ws.value(row, 3, e.rate());
                    ws.style(row, 3).format("0.00%").set();
                }
                ws.value(row, 4, e.numerator());
                ws.value(row, 5, e.denominator());
                row++;
            }
            ws.width(0, 7);
            ws.width(1, 16);
            ws.width(2, 36);
            ws.width(3, 18);
        });
    }

    private static Figures figures(DossierReport r) {
        return new Figures(r.received(), r.resolved(), r.withdrawn(), r.inProgress(), r.online(), r.apologies(),
                r.rates());
    }

    private static byte[] form06(String sheet, String officeId, String from, String to, String labelHeading,
                                 List<Line> lines) {
        return write(wb -> {
            Worksheet ws = wb.newWorksheet(sheet);
            int last = FIGURES.size() + 1;
            title(ws, TITLE, officeId, from, to, last);
            header(ws, labelHeading);
            int row = FIRST_DATA_ROW;
            int number = 1;
            for (Line line : lines) {
                ws.value(row, 0, number++);
                ws.value(row, 1, line.label());
                for (int i = 0; i < FIGURES.size(); i++) {
                    Column column = FIGURES.get(i);
                    Number value = column.value().apply(line.figures());
                    if (value != null) {
                        ws.value(row, i + 2, value instanceof BigDecimal d ? d : value);
                    }
                    if (column.rate()) {
                        ws.style(row, i + 2).format("0.00%").set();
                    }
                }
                row++;
            }
            ws.width(0, 5);
            ws.width(1, 30);
            for (int c = 2; c <= last; c++) {
                ws.width(c, 11);
            }
            ws.freezePane(2, FIRST_DATA_ROW);
        });
    }

    private static void title(Worksheet ws, String title, String officeId, String from, String to, int lastColumn) {
        ws.value(0, 0, title);
        ws.range(0, 0, 0, lastColumn).merge();
        ws.range(0, 0, 0, lastColumn).style().bold().fontSize(13).horizontalAlignment("center").set();
        ws.value(1, 0, "Đơn vị: " + officeId + "    Kỳ báo cáo: từ ngày " + from + " đến ngày " + to);
        ws.range(1, 0, 1, lastColumn).merge();
        ws.range(1, 0, 1, lastColumn).style().italic().horizontalAlignment("center").set();
    }

    /** Three header rows; equal neighbouring group/sub-group headings become one merged cell. */
    private static void header(Worksheet ws, String labelHeading) {
        int top = HEADER_ROW;
        ws.value(top, 0, "STT");
        ws.range(top, 0, top + 2, 0).merge();
        ws.value(top, 1, labelHeading);
        ws.range(top, 1, top + 2, 1).merge();
        int i = 0;
        while (i < FIGURES.size()) {
            Column first = FIGURES.get(i);
            int col = i + 2;
            if (first.group() == null) {
                ws.value(top, col, first.heading());
                ws.range(top, col, top + 2, col).merge();
                i++;
                continue;
            }
            int end = i;
            while (end + 1 < FIGURES.size() && Objects.equals(FIGURES.get(end + 1).group(), first.group())) {
                end++;
            }
            ws.value(top, col, first.group());
            if (end > i) {
                ws.range(top, col, top, end + 2).merge();
            }
            int j = i;
            while (j <= end) {
                Column c = FIGURES.get(j);
                if (c.sub() == null) {
                    ws.value(top + 1, j + 2, c.heading());
                    ws.range(top + 1, j + 2, top + 2, j + 2).merge();
                    j++;
                    continue;
                }
                int subEnd = j;
                while (subEnd + 1 <= end && Objects.equals(FIGURES.get(subEnd + 1).sub(), c.sub())) {
                    subEnd++;
                }
                ws.value(top + 1, j + 2, c.sub());
                if (subEnd > j) {
                    ws.range(top + 1, j + 2, top + 1, subEnd + 2).merge();
                }
                for (int k = j; k <= subEnd; k++) {
                    ws.value(top + 2, k + 2, FIGURES.get(k).heading());
                }
                j = subEnd + 1;
            }
            i = end + 1;
        }
        headerStyle(ws, top, 0, top + 2, FIGURES.size() + 1);
    }

    private static void headerStyle(Worksheet ws, int top, int left, int bottom, int right) {
        ws.range(top, left, bottom, right).style().bold().wrapText(true).horizontalAlignment("center")
                .verticalAlignment("center").fillColor("DDEBF7").borderStyle("thin").set();
    }

    private interface Body {
        void write(Workbook workbook) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "motcua", "1.1");
            body.write(workbook);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
