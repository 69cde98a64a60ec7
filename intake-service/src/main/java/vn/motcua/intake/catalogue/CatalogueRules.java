package vn.motcua.intake.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import vn.motcua.intake.catalogue.CatalogueQueries.OfficeView;
import vn.motcua.intake.infra.Refusal;

/**
 * The catalogue's rules (CONTRACT: offices and procedures), pure: the values in, the first broken rule out (the API
 * has always reported one at a time, in this order). {@link CatalogueService} applies them.
 */
public final class CatalogueRules {
    /** Agency codes: letters, digits and dots, e.g. H49, H49.17, H49.17.05. */
    public static final Pattern OFFICE_ID = Pattern.compile("[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*");
    /** National procedure codes such as 1.001612; letters, digits, dots and dashes. */
    public static final Pattern PROCEDURE_CODE = Pattern.compile("[A-Za-z0-9]+([.\\-][A-Za-z0-9]+)*");
    static final int MAX_ID_LENGTH = 64;

    private CatalogueRules() {
    }

    /** An office id as the contract writes it (also what a receipt's office must look like to be known). */
    public static boolean isOfficeId(String value) {
        return value != null && OFFICE_ID.matcher(value).matches();
    }

    static Optional<Refusal> officeId(String value) {
        return id("officeId", value, OFFICE_ID);
    }

    static Optional<Refusal> procedureCode(String value) {
        return id("code", value, PROCEDURE_CODE);
    }

    /**
     * A procedure to publish: its code, its time (a positive whole or half number of working days), its fee (VND,
     * 0 or more), and its dates: a decision or a publication is a past fact ({@code today} in Vietnam); only the
     * legal basis ({@code effectiveAt}) may take effect later.
     */
    static Optional<Refusal> procedure(String code, BigDecimal processingDays, ProcedureFacts facts, LocalDate today) {
        Optional<Refusal> id = procedureCode(code);
        if (id.isPresent()) {
            return id;
        }
        if (!ProcessingDays.isValid(processingDays)) {
            return Optional.of(Refusal.malformed("processingDays",
                    "must be a positive whole or half number of working days"));
        }
        if (facts.fee() < 0) {
            return Optional.of(Refusal.malformed("fee", "must be a whole number of VND, 0 or more"));
        }
        if (facts.madePublicOn() != null && facts.madePublicOn().isAfter(today)) {
            return Optional.of(Refusal.againstRule("publishedAt", "must not be in the future"));
        }
        if (facts.decidedOn() != null && facts.decidedOn().isAfter(today)) {
            return Optional.of(Refusal.againstRule("decidedAt", "must not be in the future"));
        }
        return Optional.empty();
    }

    /**
     * The office tree stays a tree: an office is not its own parent, its parent exists (and so does every office
     * above it), and the office is not among its parent's ancestors. {@code offices} reads an office (empty: none).
     */
    static Optional<Refusal> parent(String officeId, String parentId, Function<String, Optional<OfficeView>> offices) {
        if (parentId.equals(officeId)) {
            return Optional.of(Refusal.againstRule("parentId", "an office cannot be its own parent"));
        }
        Set<String> seen = new HashSet<>();
        String current = parentId;
        while (current != null && seen.add(current)) {
            Optional<OfficeView> office = offices.apply(current);
            if (office.isEmpty()) {
                return Optional.of(Refusal.againstRule("parentId",
                        current.equals(parentId) ? "unknown office " + parentId : "broken office tree at " + current));
            }
            if (officeId.equals(office.get().parentId())) {
                return Optional.of(Refusal.againstRule("parentId",
                        "office " + parentId + " is below " + officeId + ": the tree would have a cycle"));
            }
            current = office.get().parentId();
        }
        return Optional.empty();
    }

    private static Optional<Refusal> id(String field, String value, Pattern pattern) {
        if (value == null || value.length() > MAX_ID_LENGTH || !pattern.matcher(value).matches()) {
            return Optional.of(Refusal.malformed(field,
                    "must be letters and digits separated by dots, at most " + MAX_ID_LENGTH + " characters"));
        }
        return Optional.empty();
    }
}
