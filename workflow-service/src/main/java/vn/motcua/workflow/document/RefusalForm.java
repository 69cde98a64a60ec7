package vn.motcua.workflow.document;

import java.util.List;
import vn.motcua.print.FormPage;
import vn.motcua.print.FormPage.Signature;
import vn.motcua.print.Paper;
import vn.motcua.workflow.dossier.DossierView.HistoryLine;

import static vn.motcua.print.FormPage.esc;

/**
 * Form 03 of Circular 01/2018/TT-VPCP, "Phiếu từ chối tiếp nhận giải quyết hồ sơ", on A4: the office declines to
 * resolve the dossier, with the reason given at the resolution ({@code outcome: REFUSED}).
 */
final class RefusalForm {
    private RefusalForm() {
    }

    static String xhtml(DossierFacts f, HistoryLine resolution) {
        String reason = Handovers.text(resolution.details() == null ? null : resolution.details().get("reason"));
        String body = f.heading("Mẫu số 03")
                + f.dateLine(resolution.at())
                + FormPage.title("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Mã hồ sơ: " + f.codeOrId())
                + "<p>" + esc(f.officeOrId()) + " đã tiếp nhận hồ sơ của: Ông/Bà "
                + "..........................................................</p>"
                + "<p>Nội dung yêu cầu giải quyết: " + esc(f.procedureLine()) + "</p>"
                + "<p>Ngày tiếp nhận: " + esc(f.time(f.dossier().receivedAt())) + ".</p>"
                + "<p>Căn cứ quy định của pháp luật, qua xem xét hồ sơ, " + esc(f.officeOrId())
                + " thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:</p>"
                + "<div class=\"box\">" + esc(reason == null || reason.isBlank() ? "(không ghi lý do)" : reason)
                + "</div>"
                + "<p>Thời điểm từ chối: " + esc(f.time(resolution.at())) + ".</p>"
                + "<p>Xin thông báo để Ông/Bà được biết và thực hiện./.</p>"
                + FormPage.signatures(List.of(new Signature("", "", null),
                new Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", null)));
        return FormPage.document(Paper.A4, "Phiếu từ chối " + f.codeOrId(), null, body);
    }
}
