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
import vn.motcua.spring.web.FieldProblem;
import vn.motcua.spring.web.JsonProblems;
import vn.motcua.access.AccessProblem;
import vn.motcua.access.Caller;
import vn.motcua.spring.security.Callers;
import vn.motcua.spring.security.OfficeAccess;

/**
 * Bulk import of historical dossiers for centres moving off their old system: NDJSON, one {@code POST
 * /api/v1/dossiers} body per line, streamed (the file is never held in memory). Every line goes through the same
 * rules as a single request, in chunks of 100 lines per transaction; a line with an {@code externalRef} already received is
 * counted as a duplicate, so a re-run of the same file creates nothing twice. Answers a summary with the rejected
 * lines and their reasons. Progress goes to the log, never a line's content (personal data).
 */
@RestController
class BulkImportController {
    private static final Logger log = LoggerFactory.getLogger(BulkImportController.class);
    private static final int MAX_REPORTED_ERRORS = 1000;
    private static final int MAX_LINE_CHARS = 64 * 1024;
    private static final int PROGRESS_EVERY = 10_000;
    /** Lines received in one transaction. */
    private static final int CHUNK = 100;

    private final DossierReceiptService receipts;
    private final JsonMapper json;
    private final Validator validator;
    private final int workers;
    private final OfficeAccess access;

    BulkImportController(DossierReceiptService receipts, JsonMapper json, Validator validator,
                         @Value("${motcua.intake.import-workers:4}") int workers, OfficeAccess access) {
        this.access = access;
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
        // The workers have no security context: the caller travels with each chunk.
        Caller caller = Callers.current();
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        List<LineError> errors = new ArrayList<>();
        long lines = 0;
        // Chunks of lines, a few in flight at once: each chunk is one transaction (see DossierReceiptService).
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        Semaphore inFlight = new Semaphore(workers * 2);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8))) {
            List<Line> chunk = new ArrayList<>(CHUNK);
            String text;
            while ((text = reader.readLine()) != null) {
                long line = ++lines;
                if (!text.isBlank()) {
                    chunk.add(new Line(line, text));
                }
                if (chunk.size() == CHUNK) {
                    submit(pool, inFlight, caller, chunk, accepted, duplicates, rejected, errors);
                    chunk = new ArrayList<>(CHUNK);
                }
                if (line % PROGRESS_EVERY == 0) {
                    log.info("bulk import: {} lines read, {} accepted, {} duplicates, {} rejected", line,
                            accepted.get(), duplicates.get(), rejected.get());
                }
            }
            if (!chunk.isEmpty()) {
                submit(pool, inFlight, caller, chunk, accepted, duplicates, rejected, errors);
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

    private record Line(long number, String content) {
    }

    private void submit(ExecutorService pool, Semaphore inFlight, Caller caller, List<Line> chunk,
                        AtomicLong accepted,
                        AtomicLong duplicates, AtomicLong rejected, List<LineError> errors)
            throws InterruptedException {
        inFlight.acquire();
        pool.execute(() -> {
            try {
                List<LineError> chunkErrors = importChunk(caller, chunk, accepted, duplicates);
                if (!chunkErrors.isEmpty()) {
                    rejected.addAndGet(chunkErrors.size());
                    synchronized (errors) {
                        errors.addAll(chunkErrors);
                    }
                }
            } finally {
                inFlight.release();
            }
        });
    }

    /** Parses, validates and scope-checks each line, then receives the valid ones together. */
    private List<LineError> importChunk(Caller caller, List<Line> chunk, AtomicLong accepted,
                                        AtomicLong duplicates) {
        List<LineError> errors = new ArrayList<>();
        List<Line> parsed = new ArrayList<>(chunk.size());
        List<DossierReceiptService.Submission> submissions = new ArrayList<>(chunk.size());
        for (Line line : chunk) {
            Object result = parse(caller, line);
            if (result instanceof LineError error) {
                errors.add(error);
            } else {
                parsed.add(line);
                submissions.add((DossierReceiptService.Submission) result);
            }
        }
        if (submissions.isEmpty()) {
            return errors;
        }
        try {
            List<DossierReceiptService.BatchResult> results = receipts.receiveAll(submissions);
            for (int i = 0; i < results.size(); i++) {
                var r = results.get(i);
                switch (r.status()) {
                    case CREATED -> accepted.incrementAndGet();
                    case DUPLICATE -> duplicates.incrementAndGet();
                    case REJECTED -> {
                        FieldProblem problem = r.rejection().problems().get(0);
                        errors.add(new LineError(parsed.get(i).number(), problem.field(), problem.message()));
                    }
                }
            }
        } catch (RuntimeException e) {
            // The exception may quote SQL values, never the line itself; keep the log free of personal data.
            log.warn("bulk import lines {}..{} failed: {}", parsed.get(0).number(),
                    parsed.get(parsed.size() - 1).number(), e.getClass().getName());
            for (Line line : parsed) {
                errors.add(new LineError(line.number(), "line", "could not be recorded; see the service log"));
            }
        }
        return errors;
    }

    /** The line as a submission, or the reason it is not one (an office outside the caller's scope among them). */
    private Object parse(Caller caller, Line line) {
        String content = line.content();
        if (content.length() > MAX_LINE_CHARS) {
            return new LineError(line.number(), "line", "longer than " + MAX_LINE_CHARS + " characters");
        }
        try {
            ReceiptRequest request = json.readValue(content, ReceiptRequest.class);
            if (request == null) {
                return new LineError(line.number(), "line", "must be a JSON object");
            }
            for (ConstraintViolation<ReceiptRequest> violation : validator.validate(request)) {
                return new LineError(line.number(), violation.getPropertyPath().toString(), violation.getMessage());
            }
            if (!access.grants(caller, request.officeId())) {
                return new LineError(line.number(), "officeId", AccessProblem.officeOutOfScope(request.officeId())
                        .detail());
            }
            return request.toSubmission(null, caller.subject());
        } catch (JacksonException e) {
            FieldProblem problem = JsonProblems.describe(e);
            return new LineError(line.number(), problem.field(), problem.message());
        }
    }
}
