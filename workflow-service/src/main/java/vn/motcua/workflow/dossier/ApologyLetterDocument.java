package vn.motcua.workflow.dossier;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Renders an apology letter as a printable page after form 04 of Circular 01/2018/TT-VPCP ("Phiếu xin lỗi và
 * hẹn lại ngày trả kết quả"). Holds no applicant data: the workflow never has any; the desk fills the name in.
 */
final class ApologyLetterDocument {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH 'giờ' mm 'phút', 'ngày' dd/MM/yyyy");

    private ApologyLetterDocument() {
    }

    static String html(DossierQueries.ApologyLetter letter, ZoneId zone) {
        return """
                <!DOCTYPE html>
                <html lang="vi"><head><meta charset="utf-8"><title>Phiếu xin lỗi %1$s/%2$d</title>
                <style>body{font-family:serif;max-width:42em;margin:2em auto;line-height:1.5}
                h1{text-align:center;font-size:1.2em}p.c{text-align:center}</style></head>
                <body>
                <p class="c"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>Độc lập - Tự do - Hạnh phúc</p>
                <p>Cơ quan: <strong>%3$s</strong> — Mẫu số 04</p>
                <h1>PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ</h1>
                <p>Số: %2$d — Hồ sơ: <strong>%1$s</strong></p>
                <p>Ngày hẹn trả kết quả: %4$s.</p>
                <p>Lý do chậm trả kết quả: %5$s</p>
                <p>Đơn vị chịu trách nhiệm: %6$s</p>
                <p>Cơ quan xin lỗi Ông/Bà và hẹn lại ngày trả kết quả vào: <strong>%7$s</strong>.</p>
                <p>Ngày phát hành phiếu: %8$s%9$s</p>
                </body></html>
                """.formatted(escape(letter.dossierId()), letter.letterNumber(), escape(letter.officeId()),
                time(letter.dueAt(), zone), escape(letter.reason()),
                letter.responsibleUnit() == null ? "—" : escape(letter.responsibleUnit()),
                time(letter.newDueAt(), zone), time(letter.issuedAt(), zone),
                letter.inTime() ? "" : " (phát hành muộn)");
    }

    private static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
