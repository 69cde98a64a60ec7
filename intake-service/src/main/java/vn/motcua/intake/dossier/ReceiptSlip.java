package vn.motcua.intake.dossier;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import vn.motcua.events.Channel;
import vn.motcua.intake.dossier.DossierQueries.DossierView;

/**
 * The receipt slip given to the applicant (form 01, Circular 01/2018/TT-VPCP: "Giấy tiếp nhận hồ sơ và hẹn trả kết
 * quả") as one self-contained HTML page sized for A5 paper. Every value is HTML-escaped.
 */
final class ReceiptSlip {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH 'giờ' mm 'phút', 'ngày' dd/MM/yyyy");

    private ReceiptSlip() {
    }

    static String render(DossierView d, String officeName, String procedureName) {
        StringBuilder documents = new StringBuilder();
        List<SubmittedDocument> docs = d.documents();
        for (int i = 0; i < docs.size(); i++) {
            documents.append("<tr><td>").append(i + 1).append("</td><td>").append(esc(docs.get(i).name()))
                    .append("</td><td class=\"n\">").append(docs.get(i).copies()).append("</td></tr>\n");
        }
        if (docs.isEmpty()) {
            documents.append("<tr><td colspan=\"3\">(không có danh mục giấy tờ)</td></tr>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="vi">
                <head>
                <meta charset="utf-8">
                <title>Giấy tiếp nhận hồ sơ %1$s</title>
                <style>
                  @page { size: A5 portrait; margin: 10mm 12mm; }
                  body { font-family: "Times New Roman", serif; font-size: 12pt; line-height: 1.35; margin: 0; }
                  .sheet { max-width: 124mm; margin: 0 auto; }
                  .head { display: flex; justify-content: space-between; text-align: center; font-size: 10.5pt; }
                  .head b { display: block; }
                  h1 { font-size: 13pt; text-align: center; margin: 5mm 0 1mm; }
                  .code { text-align: center; margin-bottom: 4mm; }
                  table { width: 100%%; border-collapse: collapse; margin: 2mm 0; font-size: 11pt; }
                  td, th { border: 1px solid #000; padding: 1mm 2mm; vertical-align: top; }
                  td.n { text-align: center; width: 14mm; }
                  .due { border: 1.5px solid #000; padding: 2mm; margin-top: 3mm; font-weight: bold; }
                  .sign { display: flex; justify-content: space-between; margin-top: 6mm; text-align: center; }
                  @media screen { body { background: #eee; } .sheet { background: #fff; padding: 10mm; } }
                </style>
                </head>
                <body><div class="sheet">
                <div class="head"><div><b>%2$s</b>BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ</div>
                <div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>Độc lập - Tự do - Hạnh phúc</div></div>
                <h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>
                <div class="code">Mã hồ sơ: <b>%1$s</b></div>
                <p>Bộ phận tiếp nhận và trả kết quả %2$s đã tiếp nhận hồ sơ của:
                %3$s</p>
                %4$s
                <p>Nội dung yêu cầu giải quyết: %5$s (mã thủ tục %6$s)</p>
                <p>Hình thức nộp: %7$s</p>
                <table><tr><th>TT</th><th>Tên giấy tờ</th><th>Số lượng</th></tr>
                %8$s</table>
                <p>Thời gian tiếp nhận: %9$s</p>
                <div class="due">Thời gian trả kết quả giải quyết hồ sơ: %10$s</div>
                <div class="sign"><div>NGƯỜI NỘP HỒ SƠ<br><i>(Ký và ghi rõ họ tên)</i></div>
                <div>NGƯỜI TIẾP NHẬN HỒ SƠ<br><i>(Ký và ghi rõ họ tên)</i></div></div>
                </div></body>
                </html>
                """.formatted(esc(d.code()), esc(officeName), applicantName(d.applicant()),
                applicantContact(d.applicant()), esc(procedureName),
                esc(d.procedureCode()), channel(d.channel()), documents, time(d.receivedAt()), time(d.dueAt()));
    }

    /** Once erased, the slip says so and shows nothing of the applicant. */
    private static String applicantName(Applicant a) {
        return a == null ? "<i>(thông tin người nộp đã được xoá theo quy định bảo vệ dữ liệu cá nhân)</i>"
                : "<b>" + esc(a.fullName()) + "</b>";
    }

    private static String applicantContact(Applicant a) {
        return a == null ? "" : "<p>Địa chỉ: " + esc(orDash(a.address())) + "<br>Số điện thoại: "
                + esc(orDash(a.phone())) + "</p>";
    }

    private static String channel(Channel channel) {
        return switch (channel) {
            case IN_PERSON -> "Trực tiếp";
            case ONLINE -> "Trực tuyến";
            case POSTAL -> "Qua dịch vụ bưu chính công ích";
        };
    }

    private static String time(OffsetDateTime t) {
        return TIME.format(t);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
