package vn.motcua.workflow.document;

import java.util.List;
import vn.motcua.print.FormPage;
import vn.motcua.print.FormPage.Signature;
import vn.motcua.print.Paper;
import vn.motcua.workflow.dossier.DossierQueries.ApologyLetter;

import static vn.motcua.print.FormPage.esc;

/**
 * Form 04 of Circular 01/2018/TT-VPCP, "Phiếu xin lỗi và hẹn lại ngày trả kết quả", on A4. Holds no applicant
 * data: the workflow never has any; the desk writes the name on the dotted line.
 */
final class ApologyLetterForm {
    private ApologyLetterForm() {
    }

    static String xhtml(DossierFacts f, ApologyLetter letter) {
        String office = esc(f.officeOrId());
        String body = f.heading("Mẫu số 04")
                + "<p class=\"number\">Số: " + letter.letterNumber() + "/PXL</p>"
                + f.dateLine(letter.issuedAt())
                + FormPage.title("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", null)
                + "<p>Kính gửi: Ông/Bà ..........................................................</p>"
                + "<p>Ngày " + esc(f.time(f.dossier().receivedAt())) + ", " + office
                + " tiếp nhận giải quyết hồ sơ của Ông/Bà.</p>"
                + "<p>Mã hồ sơ: <b>" + esc(f.codeOrId()) + "</b></p>"
                + "<p>Nội dung yêu cầu giải quyết: " + esc(f.procedureLine()) + "</p>"
                + "<p>Thời hạn giải quyết theo quy định: " + esc(f.statutoryTime()) + ".</p>"
                + "<p>Thời gian hẹn trả kết quả giải quyết hồ sơ: " + esc(f.time(letter.dueAt())) + ".</p>"
                + "<p>Tuy nhiên đến nay, " + office + " chưa trả kết quả giải quyết hồ sơ của Ông/Bà.</p>"
                + "<p>Lý do: " + esc(letter.reason()) + "</p>"
                + (letter.responsibleUnit() == null ? ""
                : "<p>Đơn vị, cá nhân để xảy ra chậm trễ: " + esc(letter.responsibleUnit()) + "</p>")
                + "<p>Sự chậm trễ này đã gây phiền hà cho Ông/Bà. " + office + " xin lỗi Ông/Bà và sẽ trả kết quả "
                + "giải quyết hồ sơ cho Ông/Bà vào:</p>"
                + "<div class=\"box\">" + esc(f.time(letter.newDueAt())) + "</div>"
                + "<p>Xin trân trọng cảm ơn./.</p>"
                + (letter.inTime() ? "" : "<p class=\"note\">(Phiếu phát hành muộn so với quy định.)</p>")
                + FormPage.signatures(List.of(new Signature("", "", null),
                new Signature("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "(Ký, ghi rõ họ tên và đóng dấu)", null)));
        return FormPage.document(Paper.A4, "Phiếu xin lỗi " + f.codeOrId() + "/" + letter.letterNumber(), null, body);
    }
}
