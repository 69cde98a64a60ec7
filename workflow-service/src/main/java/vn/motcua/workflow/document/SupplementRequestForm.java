package vn.motcua.workflow.document;

import java.util.List;
import vn.motcua.print.FormPage;
import vn.motcua.print.FormPage.Signature;
import vn.motcua.print.Paper;
import vn.motcua.workflow.dossier.DossierView.HistoryLine;

import static vn.motcua.print.FormPage.esc;

/**
 * Form 02 of Circular 01/2018/TT-VPCP, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", on A4: what the office asks the
 * applicant to add, and why (the supplement request's reason; the office asks once, fully).
 */
final class SupplementRequestForm {
    private SupplementRequestForm() {
    }

    static String xhtml(DossierFacts f, HistoryLine request) {
        String reason = Handovers.text(request.details() == null ? null : request.details().get("reason"));
        String body = f.heading("Mẫu số 02")
                + f.dateLine(request.at())
                + FormPage.title("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mã hồ sơ: " + f.codeOrId())
                + "<p>Hồ sơ của: Ông/Bà ..........................................................</p>"
                + "<p>Nội dung yêu cầu giải quyết: " + esc(f.procedureLine()) + "</p>"
                + "<p>Ngày " + esc(f.time(f.dossier().receivedAt())) + ", " + esc(f.officeOrId())
                + " đã tiếp nhận hồ sơ của Ông/Bà.</p>"
                + "<p>Sau khi xem xét, thẩm định hồ sơ, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung "
                + "sau:</p>"
                + "<div class=\"box\">" + esc(reason) + "</div>"
                + "<p>Thời điểm yêu cầu: " + esc(f.time(request.at())) + ".</p>"
                + "<p>Thời hạn giải quyết hồ sơ được tính lại kể từ ngày nhận đủ hồ sơ bổ sung, hoàn thiện theo quy "
                + "định.</p>"
                + "<p>Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với " + esc(f.officeOrId())
                + " (" + Handovers.DESK.toLowerCase(java.util.Locale.ROOT) + ") để được hướng dẫn.</p>"
                + FormPage.signatures(List.of(new Signature("", "", null),
                new Signature("NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", null)));
        return FormPage.document(Paper.A4, "Phiếu yêu cầu bổ sung " + f.codeOrId(), null, body);
    }
}
