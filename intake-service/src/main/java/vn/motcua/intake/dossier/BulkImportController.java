package vn.motcua.intake.dossier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import vn.motcua.intake.infra.FieldProblem;
import vn.motcua.intake.infra.InputRejectedException;
import vn.motcua.intake.infra.ProblemHandling;

/**
 * Bulk import of historical dossiers for centres moving off their old system: NDJSON, one {@code POST
 * /api/v1/dossiers} body per line, streamed (the file is never held in memory). Every line goes through the same
 * receipt as a single request, in its own transaction; a line with an {@code externalRef} already received is
 * counted as a duplicate, so a re-run of the same file creates nothing twice. Answers a summary with the rejected
 * lines and their reasons. Progress goes to the log, never a line's content (personal data).
 */
@RestController
class BulkImportController {
    private static final Logger log = LoggerFactory.getLogger(BulkImportController.class);
    private static final int MAX_REPORTED_ERRORS = 1000;
    private static final int MAX_LINE_CHARS = 64 * 1024;
    private static final int PROGRESS_EVERY = 10_000;

    private final DossierReceiptService receipts;
    private final JsonMapper json;
    private final Validator validator;
    private final int workers;

    BulkImportController(DossierReceiptService receipts, JsonMapper json, Validator validator,
                         @Value("${motcua.intake.import-workers:4}") int workers) {
        this.receipts = receipts;
        this.json = json;
        this.validator = validator;
        this.workers = Math.max(1, workers);
    }

    record LineError(long line, String field, String message) {
    }

    record ImportSummary(long lines, long accepted, long duplicates, long rejected, List<LineError> errors,
                         boolean errorsTruncated) {
    }

    @PostMapping("/api/v1/imports/dossiers")
    ImportSummary importDossiers(HttpServletRequest request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        List<LineError> errors = new ArrayList<>();
        long lines = 0;
        // A few lines in flight at once: each is its own transaction, and the pool has room for them.
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        Semaphore inFlight = new Semaphore(workers * 4);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = reader.readLine()) != null) {
                long line = ++lines;
                if (text.isBlank()) {
                    continue;
                }
                String content = text;
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        LineError error = importLine(line, content, accepted, duplicates);
                        if (error != null) {
                            rejected.incrementAndGet();
                            synchronized (errors) {
                                errors.add(error);
                            }
                        }
                    } finally {
                        inFlight.release();
                    }
                });
                if (line % PROGRESS_EVERY == 0) {
                    log.info("bulk import: {} lines read, {} accepted, {} duplicates, {} rejected", line,
                            accepted.get(), duplicates.get(), rejected.get());
                }
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
        }
        errors.sort(Comparator.comparingLong(LineError::line));
        boolean truncated = errors.size() > MAX_REPORTED_ERRORS;
        log.info("bulk import done in {} ms: {} lines, {} accepted, {} duplicates, {} rejected",
                (System.nanoTime() - started) / 1_000_000, lines, accepted.get(), duplicates.get(), rejected.get());
        return new ImportSummary(lines, accepted.get(), duplicates.get(), rejected.get(),
                truncated ? List.copyOf(errors.subList(0, MAX_REPORTED_ERRORS)) : errors, truncated);
    }

    private LineError importLine(long line, String content, AtomicLong accepted, AtomicLong duplicates) {
        if (content.length() > MAX_LINE_CHARS) {
            return new LineError(line, "line", "longer than " + MAX_LINE_CHARS + " characters");
        }
        try {
            ReceiptRequest request = json.readValue(content, ReceiptRequest.class);
            if (request == null) {
                return new LineError(line, "line", "must be a JSON object");
            }
            for (ConstraintViolation<ReceiptRequest> violation : validator.validate(request)) {
                return new LineError(line, violation.getPropertyPath().toString(), violation.getMessage());
            }
            var outcome = receipts.receive(request.toSubmission(null));
            (outcome.created() ? accepted : duplicates).incrementAndGet();
            return null;
        } catch (JacksonException e) {
            FieldProblem problem = ProblemHandling.describe(e);
            return new LineError(line, problem.field(), problem.message());
        } catch (InputRejectedException e) {
            FieldProblem problem = e.problems().get(0);
            return new LineError(line, problem.field(), problem.message());
        } catch (RuntimeException e) {
            // The exception may quote SQL values, never the line itself; keep the log free of personal data.
            log.warn("bulk import line {} failed: {}", line, e.getClass().getName());
            return new LineError(line, "line", "could not be recorded; see the service log");
        }
    }
}
