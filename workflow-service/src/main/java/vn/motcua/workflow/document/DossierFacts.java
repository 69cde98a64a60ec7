package vn.motcua.workflow.document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.print.FormPage;
import vn.motcua.print.VietnameseText;
import vn.motcua.workflow.dossier.DossierView;

/**
 * What every workflow form prints about its dossier, names instead of ids: the office (and the office above it, the
 * governing body in the heading), the procedure and its statutory time (from motcua.catalogue.v1), and the code
 * printed on the receipt slip. A name the catalogue has not told us yet prints as the id, never as nothing.
 */
public record DossierFacts(DossierView dossier, String code, String officeName, String governingBody,
                           String procedureName, BigDecimal processingDays, WorkingCalendar calendar) {

    /** The code printed on the receipt slip; the dossier id where the read model has no code (older receipts). */
    public String codeOrId() {
        return code != null ? code : dossier.dossierId();
    }

    public String officeOrId() {
        return officeName != null ? officeName : dossier.officeId();
    }

    /** "Cấp giấy phép xây dựng (mã 1.009994)", or the code alone when the catalogue has not named it. */
    public String procedureLine() {
        String c = dossier.procedureCode() == null ? "" : dossier.procedureCode();
        return procedureName == null ? "thủ tục mã " + c : procedureName + " (mã " + c + ")";
    }

    /** "15 ngày làm việc", or empty when unknown. */
    public String statutoryTime() {
        return VietnameseText.workingDays(processingDays);
    }

    public ZoneId zone() {
        return calendar.zone();
    }

    public String time(Instant instant) {
        return instant == null ? "" : VietnameseText.time(instant.atZone(zone()));
    }

    /** The place-and-date line under the heading: the date the form speaks of. */
    public String dateLine(Instant instant) {
        ZonedDateTime t = (instant == null ? Instant.now() : instant).atZone(zone());
        return "<p class=\"place\">" + FormPage.esc(VietnameseText.date(t)) + "</p>";
    }

    /** The heading every workflow form starts with. */
    public String heading(String formNumber) {
        return FormPage.heading(formNumber, governingBody, officeOrId());
    }
}
