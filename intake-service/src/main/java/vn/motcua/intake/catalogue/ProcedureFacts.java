package vn.motcua.intake.catalogue;

import java.time.LocalDate;
import vn.motcua.events.ProcedurePublished;

/**
 * What contract 1.1 adds to a procedure: its fee (VND) and whether it can be paid online, and the Decision 766 facts
 * (dates of the decision, of the legal basis taking effect, of publication; whether its entry is complete). A null
 * is unknown and stays unknown: nothing here is defaulted to a value an indicator would score.
 */
public record ProcedureFacts(long fee, boolean onlinePayment, LocalDate decidedOn, LocalDate effectiveOn,
                             LocalDate madePublicOn, Boolean contentComplete) {
    public static final ProcedureFacts NONE = new ProcedureFacts(0, false, null, null, null, null);

    static ProcedureFacts of(ProcedurePublished e) {
        return new ProcedureFacts(e.fee(), e.onlinePayment(), e.decidedOn(), e.effectiveOn(), e.madePublicOn(),
                e.contentComplete());
    }
}
