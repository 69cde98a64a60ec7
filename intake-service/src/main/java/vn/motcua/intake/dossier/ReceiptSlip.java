package vn.motcua.intake.dossier;

import java.time.OffsetDateTime;
import java.util.List;
import vn.motcua.events.Channel;
import vn.motcua.intake.dossier.DossierQueries.DossierView;
import vn.motcua.print.FormPage;
import vn.motcua.print.FormPage.Signature;
import vn.motcua.print.Paper;
import vn.motcua.print.VietnameseText;

import static vn.motcua.print.FormPage.esc;

/**
 * The receipt slip given to the applicant: form 01 of Circular 01/2018/TT-VPCP, "Giấy tiếp nhận hồ sơ và hẹn trả
 * kết quả", one A5 page (XHTML, printable from a browser, and the source of the PDF). Names, never ids: the office
 * (under the office above it), the procedure and its statutory time. The lookup PIN is printed only when the
 * desk passes it in (at receipt: it is never stored in clear, so a reprint cannot show it and says so). Once the
 * applicant's data is erased, the slip shows none of it.
 */
final class ReceiptSlip {
    private ReceiptSlip() {
    }

    /** What the slip prints beside the intake record: catalogue names, and the PIN if the desk has it. */
    record Names(String office, String governingBody, String procedure) {
    }

    static String render(DossierView d, Names names, String pin) {
        String office = esc(names.office());
        String body = FormPage.heading("Mẫu số 01", names.governingBody(), names.office())
                + "<p class=\"place\">" + esc(VietnameseText.date(d.receivedAt().toZonedDateTime())) + "</p>"
                + FormPage.title("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mã hồ sơ: " + d.code())
                + (d.cancelled() ? "<div class=\"box\"><b>Hồ sơ đã được hủy tiếp nhận (tiếp nhận nhầm)"
                + (d.cancelledAt() == null ? "" : " lúc " + esc(time(d.cancelledAt()))) + ".</b></div>" : "")
                + "<p>Bộ phận tiếp nhận và trả kết quả " + office + " đã tiếp nhận hồ sơ của: "
                + applicantName(d.applicant()) + "</p>"
                + applicantContact(d.applicant())
                + "<p>Nội dung yêu cầu giải quyết: " + esc(names.procedure()) + " (mã thủ tục "
                + esc(d.procedureCode()) + ")</p>"
                + "<p>Thời hạn giải quyết theo quy định: " + esc(VietnameseText.workingDays(d.processingDays()))
                + "</p>"
                + "<p>Hình thức nộp: " + channel(d.channel()) + "</p>"
                + "<p>Thành phần hồ sơ gồm:</p>"
                + documents(d.documents())
                + (d.fee() > 0 ? "<p>Phí, lệ phí: " + String.format("%,d", d.fee()).replace(',', '.') + " đồng"
                + (d.onlinePayment() ? " (có thể nộp trực tuyến)" : "") + "</p>" : "")
                + "<p>Thời gian nhận hồ sơ: " + esc(time(d.receivedAt())) + "</p>"
                + "<div class=\"box\"><b>Thời gian trả kết quả giải quyết hồ sơ: " + esc(time(d.dueAt()))
                + "</b></div>"
                + "<p>Nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả " + office
                + (d.channel() == Channel.POSTAL ? " (hoặc qua dịch vụ bưu chính công ích theo đăng ký)" : "")
                + ".</p>"
                + lookupLine(d.code(), pin)
                + FormPage.signatures(List.of(Signature.of("NGƯỜI NỘP HỒ SƠ"),
                Signature.of("NGƯỜI TIẾP NHẬN HỒ SƠ")));
        return FormPage.document(Paper.A5, "Giấy tiếp nhận hồ sơ " + d.code(), SLIP_CSS, body);
    }

    /** A5 is small: text, heading and tables a little tighter than on A4, so the slip fits one sheet. */
    private static final String SLIP_CSS = """
            body { font-size: 9.5pt; line-height: 1.2; }
            p { margin: 0.5mm 0; }
            .place { margin-top: 1mm; }
            table.heading td { font-size: 82%; }
            h1 { font-size: 112%; margin-top: 2mm; }
            table.grid { margin: 1mm 0; }
            .box { margin: 1.5mm 0; padding: 1.5mm; }
            table.signatures { margin-top: 2mm; }
            table.signatures .space { height: 14mm; }
            """;

    private static String documents(List<SubmittedDocument> docs) {
        StringBuilder rows = new StringBuilder("<table class=\"grid\"><thead><tr><th>TT</th><th>Tên giấy tờ</th>"
                + "<th>Số lượng</th></tr></thead><tbody>");
        for (int i = 0; i < docs.size(); i++) {
            SubmittedDocument doc = docs.get(i);
            rows.append("<tr><td class=\"c\">").append(i + 1).append("</td><td>").append(esc(doc.name()))
                    .append(doc.digitised() ? " (đã số hóa)" : "").append(doc.reused() ? " (tái sử dụng)" : "")
                    .append("</td><td class=\"c\">").append(doc.copies()).append("</td></tr>");
        }
        if (docs.isEmpty()) {
            rows.append("<tr><td colspan=\"3\">(không có danh mục giấy tờ)</td></tr>");
        }
        return rows.append("</tbody></table>").toString();
    }

    /** The citizen looks the dossier up with the code and the PIN; the PIN exists in clear only at receipt. */
    private static String lookupLine(String code, String pin) {
        if (pin != null) {
            return "<p>Tra cứu tình trạng hồ sơ: mã hồ sơ <b>" + esc(code) + "</b>, mã PIN <b>" + esc(pin)
                    + "</b> (giữ bí mật mã PIN).</p>";
        }
        return "<p>Tra cứu tình trạng hồ sơ: mã hồ sơ <b>" + esc(code) + "</b> và mã PIN đã được cấp khi tiếp nhận "
                + "hồ sơ (bản in lại không in mã PIN).</p>";
    }

    /** Once erased, the slip says so and shows nothing of the applicant. */
    private static String applicantName(Applicant a) {
        return a == null ? "<i>(thông tin người nộp đã được xoá theo quy định bảo vệ dữ liệu cá nhân)</i>"
                : "<b>" + esc(a.fullName()) + "</b>";
    }

    private static String applicantContact(Applicant a) {
        return a == null ? "" : "<p>Địa chỉ: " + esc(orDash(a.address())) + "<br/>Số điện thoại: "
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
        return VietnameseText.time(t.toZonedDateTime());
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
