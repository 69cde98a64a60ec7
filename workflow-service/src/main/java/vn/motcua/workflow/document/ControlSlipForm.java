package vn.motcua.workflow.document;

import java.util.List;
import java.util.Map;
import vn.motcua.print.FormPage;
import vn.motcua.print.FormPage.Signature;
import vn.motcua.print.Paper;
import vn.motcua.workflow.dossier.DossierView.HistoryLine;

import static vn.motcua.print.FormPage.esc;

/**
 * Form 05 of Circular 01/2018/TT-VPCP, "Phiếu kiểm soát quá trình giải quyết hồ sơ", on A4: every handover
 * ({@link Handovers}) with from, to, when and by whom (the token's {@code sub} that made the step), and each step's
 * judgement against its share of the statutory time; the apology letters under the table.
 */
final class ControlSlipForm {
    private static final String CSS = """
            table.grid.slip { font-size: 80%; }
            table.grid.slip td.by { word-wrap: break-word; }
            """;

    private ControlSlipForm() {
    }

    static String xhtml(DossierFacts f, List<Handovers.Line> lines) {
        StringBuilder rows = new StringBuilder();
        int n = 0;
        for (Handovers.Line line : lines) {
            rows.append("<tr><td class=\"c\">").append(++n).append("</td><td>").append(esc(line.action()))
                    .append("</td><td>Giao: ").append(esc(line.from())).append("<br/>Nhận: ").append(esc(line.to()))
                    .append("</td><td>").append(esc(f.time(line.at())))
                    .append("</td><td class=\"by\">").append(esc(line.by() == null ? "(hệ thống)" : line.by()))
                    .append("</td><td class=\"c\">")
                    .append(line.judgement() == null ? "—" : esc(line.judgement().label) + "<br/>(hạn bước: "
                            + esc(f.time(line.deadline())) + ")")
                    .append("</td><td>").append(esc(line.note())).append("</td></tr>\n");
        }
        StringBuilder letters = new StringBuilder();
        for (HistoryLine h : f.dossier().history() == null ? List.<HistoryLine>of() : f.dossier().history()) {
            if (h.kind().equals("APOLOGY_LETTER_ISSUED")) {
                Map<String, Object> d = h.details() == null ? Map.of() : h.details();
                letters.append("<p>Phiếu xin lỗi số ").append(esc(Handovers.text(d.get("letterNumber"))))
                        .append(" phát hành ").append(esc(f.time(h.at()))).append(", hẹn lại trả kết quả: ")
                        .append(esc(f.time(Handovers.instant(d.get("newDueAt"))))).append(".</p>");
            }
        }
        String body = f.heading("Mẫu số 05")
                + f.dateLine(null)
                + FormPage.title("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mã hồ sơ: " + f.codeOrId())
                + "<p>Cơ quan (bộ phận) giải quyết hồ sơ: " + esc(f.officeOrId()) + "</p>"
                + "<p>Nội dung yêu cầu giải quyết: " + esc(f.procedureLine()) + "</p>"
                + "<p>Thời hạn giải quyết theo quy định: " + esc(f.statutoryTime()) + "; tiếp nhận: "
                + esc(f.time(f.dossier().receivedAt())) + "; hạn trả kết quả: " + esc(f.time(f.dossier().dueAt()))
                + (f.dossier().rescheduledDueAt() == null ? ""
                : "; hẹn lại: " + esc(f.time(f.dossier().rescheduledDueAt()))) + ".</p>"
                + "<table class=\"grid slip\"><thead><tr><th>TT</th><th>Bước</th><th>Giao, nhận hồ sơ</th>"
                + "<th>Thời gian giao, nhận</th><th>Người thực hiện</th>"
                + "<th>Kết quả (trước hạn/ đúng hạn/ quá hạn)</th><th>Ghi chú</th></tr></thead>\n<tbody>"
                + rows + "</tbody></table>"
                + letters
                + "<p class=\"note\">Mỗi bước được đánh giá theo phần thời hạn của bước: thời hạn giải quyết (tính "
                + "theo giờ làm việc, từ khi tiếp nhận hoặc nhận đủ hồ sơ bổ sung đến hạn trả kết quả) chia đều cho "
                + "các bước chuyển giao; bước đang thực hiện được tính là một bước.</p>"
                + FormPage.signatures(List.of(new Signature("", "", null),
                new Signature("NGƯỜI LẬP PHIẾU", "(Ký và ghi rõ họ tên)", null)));
        return FormPage.document(Paper.A4, "Phiếu kiểm soát " + f.codeOrId(), CSS, body);
    }
}
