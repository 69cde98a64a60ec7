package vn.motcua.workflow.history;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One parsed line: the dossier it names (by id, or by office + the integrator's reference) and its steps, each
 * a command waiting for the dossier's id.
 */
record HistoryLine(long number, String dossierId, String officeId, String externalRef, List<Step> steps) {

    /** Step {@code index} of the line: {@code command} builds the workflow command for a dossier id. */
    record Step(int index, StepKind kind, Instant at, Function<String, Object> command) {
    }

    /** The field that names the dossier, for an error about it. */
    String referenceField() {
        return dossierId != null ? "dossierId" : "externalRef";
    }
}
