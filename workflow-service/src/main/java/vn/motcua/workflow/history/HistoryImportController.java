package vn.motcua.workflow.history;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.spring.security.Callers;

/**
 * {@code POST /api/v1/imports/dossier-histories}: NDJSON, one dossier's later steps per line, read as a stream.
 * Answers 200 with the summary whatever the lines held (each bad line is reported by number and field and writes
 * nothing). Officers only ({@code access.AccessRules}); each line's dossier must be of the caller's offices.
 */
@RestController
public class HistoryImportController {
    private final HistoryImporter importer;

    public HistoryImportController(HistoryImporter importer) {
        this.importer = importer;
    }

    @PostMapping("/api/v1/imports/dossier-histories")
    public ImportSummary importHistories(InputStream body) throws IOException {
        return importer.run(body, Callers.current());
    }
}
