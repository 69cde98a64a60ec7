package vn.motcua.reporting.index;

import java.time.LocalDate;
import java.util.List;
import vn.motcua.reporting.dossier.Counter;
import vn.motcua.reporting.petition.PetitionCounter;

/**
 * What the index of one office (or branch) over one period is computed from: the prefix sums of
 * {@code office_counter} and {@code petition_counter} before the period's start ({@code s}) and end ({@code e}),
 * and the procedures of the dossiers newly received in the period with what their latest dossier said.
 */
public record IndexFigures(long[] dossierS, long[] dossierE, long[] petitionS, long[] petitionE,
                           List<Procedure> procedures) {
    public static IndexFigures empty() {
        return new IndexFigures(new long[Counter.COUNT], new long[Counter.COUNT], new long[PetitionCounter.COUNT],
                new long[PetitionCounter.COUNT], List.of());
    }

    /**
     * One procedure of the scope in the period: dossiers received (N), of them ONLINE, online payments made in
     * the period; the latest dossier's eligibility, fee, online payment; the catalogue's mode and 766 data
     * (null = not in the catalogue or unknown).
     */
    public record Procedure(String code, long received, long receivedOnline, long paidOnline, Boolean lastEligible,
                            Long lastFee, Boolean lastOnlinePayment, String onlineMode, LocalDate decidedOn,
                            LocalDate effectiveOn, LocalDate madePublicOn, Boolean contentComplete) {
    }

    long e(Counter c) {
        return dossierE[c.ordinal()];
    }

    long s(Counter c) {
        return dossierS[c.ordinal()];
    }

    /** Happened in the period. */
    long in(Counter c) {
        return e(c) - s(c);
    }

    long e(PetitionCounter c) {
        return petitionE[c.ordinal()];
    }

    long s(PetitionCounter c) {
        return petitionS[c.ordinal()];
    }

    long in(PetitionCounter c) {
        return e(c) - s(c);
    }
}
