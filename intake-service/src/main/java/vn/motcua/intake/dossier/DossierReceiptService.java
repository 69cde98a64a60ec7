package vn.motcua.intake.dossier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierCode;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.intake.catalogue.CatalogueQueries;
import vn.motcua.intake.catalogue.CatalogueQueries.ProcedureView;
import vn.motcua.intake.catalogue.CatalogueRules;
import vn.motcua.intake.dossier.DossierQueries.OfficeDay;
import vn.motcua.intake.dossier.DossierQueries.ReceiptView;
import vn.motcua.intake.infra.InputRejectedException;
import vn.motcua.intake.infra.RandomIds;
import vn.motcua.intake.personaldata.PersonalDataCipher;
import vn.motcua.intake.personaldata.PersonalDataCipher.Sealed;

/**
 * Receipt of a dossier (DOMAIN.md lifecycle step 1): checks it against the catalogue ({@link ReceiptRules}), fixes
 * its code ({@link DossierCode}) and due date, and records it. The idempotency claim, the daily sequence number, the
 * event and the intake record are written in ONE transaction, so a failed receipt leaves nothing behind and gives its
 * sequence number back.
 *
 * <p>Over 300 lines on purpose: the single, grouped and bulk receipt paths share one transaction shape (claim, number,
 * event, record) that must not diverge; the rules themselves are in the pure classes named above.
 */
@Service
public class DossierReceiptService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DossierReceiptService.class);
    private final DossierRecords records;
    private final PersonalDataCipher cipher;
    private final CatalogueQueries catalogue;
    private final DossierQueries dossiers;
    private final OfficeCalendars calendars;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration clockSkew;
    private final Map<Channel, Counter> received = new EnumMap<>(Channel.class);

    DossierReceiptService(DossierRecords records, PersonalDataCipher cipher, CatalogueQueries catalogue,
                          DossierQueries dossiers, OfficeCalendars calendars, TransactionTemplate transaction,
                          Clock clock,
                          @Value("${motcua.intake.clock-skew:30s}") Duration clockSkew, MeterRegistry meters) {
        this.records = records;
        this.cipher = cipher;
        this.catalogue = catalogue;
        this.dossiers = dossiers;
        this.calendars = calendars;
        this.transaction = transaction;
        this.clock = clock;
        this.clockSkew = clockSkew;
        for (Channel channel : Channel.values()) {
            received.put(channel, meters.counter("motcua.intake.dossiers.received", "channel", channel.name()));
        }
    }

    /**
     * A dossier as handed in at the desk, by the portal or by the post; {@code actor} is the caller's sub (and the
     * owner of its idempotency key), {@code requestHash} the keyed fingerprint of the request body (null: none
     * checked), {@code lookupVerifier} the verifier of the PIN the answer will show (null: no PIN, a bulk import).
     */
    public record Submission(String officeId, String procedureCode, Channel channel, Instant receivedAt,
                             Applicant applicant, List<SubmittedDocument> documents, String externalRef,
                             String idempotencyKey, String actor, byte[] requestHash, String lookupVerifier) {
        String client() {
            return actor == null ? "" : actor;
        }
    }

    /** {@code created} is false when the submission repeats an earlier one (same key or external reference). */
    public record Outcome(boolean created, ReceiptView receipt) {
    }

    public Outcome receive(Submission s) {
        Instant now = clock.instant();
        Prepared p;
        try {
            p = prepare(s, now);
        } catch (InputRejectedException e) {
            // A retry answers with the first dossier even if the catalogue has changed since.
            Outcome earlier = idempotent(s) ? repeatOf(s) : null;
            if (earlier != null) {
                return earlier;
            }
            throw e;
        }
        // One transaction, few round trips: [claim + number] → event append + intake record → commit.
        Outcome outcome = transaction.execute(status -> {
            Integer number = idempotent(s)
                    ? dossiers.claimAndNumber(p.dossierId(), s.client(), s.idempotencyKey(), s.requestHash(),
                            s.officeId(), s.externalRef(), p.day()).orElse(null)
                    : Integer.valueOf(dossiers.nextSequence(s.officeId(), p.day()));
            if (number == null) {
                // A repeat, or a racing twin that committed first: answer with its dossier, write nothing.
                status.setRollbackOnly();
                Outcome earlier = repeatOf(s);
                if (earlier == null) {
                    throw new IllegalStateException("idempotency claim held but no dossier found");
                }
                return earlier;
            }
            Recorded r = record(p, number);
            records.append(List.of(r.event()), java.util.Collections.singletonList(s.actor()),
                    List.of(p.sealed().wrappedKey()), List.of(s.applicant()));
            return new Outcome(true, r.receipt());
        });
        if (outcome.created()) {
            // motcua_intake_dossiers_received_total{channel}: receipts per channel, for the dashboards
            received.get(s.channel()).increment();
        }
        return outcome;
    }

    /** What became of one submission of a batch. */
    public enum BatchStatus { CREATED, DUPLICATE, REJECTED }

    public record BatchResult(BatchStatus status, InputRejectedException rejection) {
    }

    /**
     * Receives many submissions (a bulk import's chunk) in ONE transaction: one statement
     * claims them all, one takes all their sequence numbers, and their events are appended in one JDBC batch. The
     * rules and outcomes are those of {@link #receive} line by line. If the batch fails as a whole (a racing import
     * of the same lines, say) it is rolled back and every line is received again on its own.
     */
    public List<BatchResult> receiveAll(List<Submission> batch) {
        return receiveChunk(batch, false).stream().map(a -> a.failure() != null
                ? new BatchResult(BatchStatus.REJECTED, (InputRejectedException) a.failure())
                : new BatchResult(a.outcome().created() ? BatchStatus.CREATED : BatchStatus.DUPLICATE, null))
                .toList();
    }

    /** What one submission of a group answers: its outcome, or its own failure (its bad input, or its error). */
    record Answer(Outcome outcome, RuntimeException failure) {
    }

    /**
     * Receives concurrent HTTP requests together ({@link ReceiptBatcher}) the way {@link #receiveAll} does, but
     * answers each exactly as {@link #receive} would have alone: a repeat gets the first dossier (also when the
     * first is in the same group), a failure stays with the submission it belongs to.
     */
    List<Answer> receiveGroup(List<Submission> group) {
        return receiveChunk(group, true);
    }

    /**
     * The rules that need no database, checked in the request's thread so bad input never joins a group. Only for a
     * submission that cannot be a repeat: a retry must answer its first dossier even if the catalogue changed since.
     */
    void precheck(Submission s) {
        if (!idempotent(s)) {
            check(s, clock.instant());
        }
    }

    private List<Answer> receiveChunk(List<Submission> batch, boolean forRequests) {
        Instant now = clock.instant();
        Answer[] answers = new Answer[batch.size()];
        List<Prepared> valid = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Submission s = batch.get(i);
            try {
                valid.add(prepare(s, now));
            } catch (InputRejectedException e) {
                Outcome earlier = idempotent(s) ? repeatOf(s) : null;
                answers[i] = earlier != null ? new Answer(earlier, null) : new Answer(null, e);
            }
        }
        Map<Prepared, Outcome> recorded;
        try {
            recorded = valid.isEmpty() ? Map.of() : transaction.execute(status -> recordAll(valid));
        } catch (RuntimeException batchFailed) {
            // Rolled back as a whole: nothing of it is written; each one on its own, as if it had come alone. Said
            // in the log: a group that always fails costs every receipt its own transaction, silently otherwise.
            // Class and SQLState only: a database message can quote the row's values.
            log.warn("receipt group of {} rolled back, receiving each alone: {}", valid.size(), cause(batchFailed));
            for (int i = 0; i < answers.length; i++) {
                if (answers[i] == null) {
                    try {
                        answers[i] = new Answer(receive(batch.get(i)), null);
                    } catch (InputRejectedException e) {
                        answers[i] = new Answer(null, e);
                    } catch (RuntimeException e) {
                        if (!forRequests) {
                            throw e;
                        }
                        answers[i] = new Answer(null, e);
                    }
                }
            }
            return List.of(answers);
        }
        for (int i = 0, v = 0; i < answers.length; i++) {
            if (answers[i] == null) {
                Prepared p = valid.get(v++);
                Outcome o = recorded.get(p);
                if (o.created()) {
                    received.get(p.submission().channel()).increment();
                    answers[i] = new Answer(o, null);
                } else if (!forRequests) {
                    answers[i] = new Answer(o, null);
                } else {
                    // Committed now, so the first dossier (earlier, racing, or in this very group) is readable.
                    try {
                        Outcome earlier = repeatOf(p.submission());
                        answers[i] = earlier != null ? new Answer(earlier, null) : new Answer(null,
                                new IllegalStateException("idempotency claim held but no dossier found"));
                    } catch (RuntimeException e) {
                        answers[i] = new Answer(null, e);
                    }
                }
            }
        }
        return List.of(answers);
    }

    /** Records the fresh ones; a repeat maps to an outcome without receipt (looked up after commit if needed). */
    private Map<Prepared, Outcome> recordAll(List<Prepared> valid) {
        Map<Prepared, Outcome> outcome = new IdentityHashMap<>();
        List<Prepared> keyed = valid.stream().filter(p -> idempotent(p.submission())).toList();
        Set<String> claimed = keyed.isEmpty() ? Set.of() : dossiers.claimAll(
                keyed.stream().map(Prepared::dossierId).toList(),
                keyed.stream().map(p -> p.submission().client()).toList(),
                keyed.stream().map(p -> p.submission().idempotencyKey()).toList(),
                keyed.stream().map(p -> p.submission().requestHash()).toList(),
                keyed.stream().map(p -> p.submission().officeId()).toList(),
                keyed.stream().map(p -> p.submission().externalRef()).toList());
        SortedMap<OfficeDay, List<Prepared>> fresh = new TreeMap<>();
        for (Prepared p : valid) {
            if (idempotent(p.submission()) && !claimed.contains(p.dossierId())) {
                outcome.put(p, REPEAT);
            } else {
                fresh.computeIfAbsent(new OfficeDay(p.submission().officeId(), p.day()), k -> new ArrayList<>()).add(p);
            }
        }
        if (fresh.isEmpty()) {
            return outcome;
        }
        SortedMap<OfficeDay, Integer> counts = new TreeMap<>();
        fresh.forEach((k, list) -> counts.put(k, list.size()));
        Map<OfficeDay, Integer> last = dossiers.takeNumbers(counts);
        List<DossierRecorded> events = new ArrayList<>();
        List<String> actors = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        List<Applicant> applicants = new ArrayList<>();
        fresh.forEach((k, list) -> {
            int number = last.get(k) - list.size();
            for (Prepared p : list) {
                Recorded r = record(p, ++number);
                events.add(r.event());
                actors.add(p.submission().actor());
                keys.add(p.sealed().wrappedKey());
                applicants.add(p.submission().applicant());
                outcome.put(p, new Outcome(true, r.receipt()));
            }
        });
        records.append(events, actors, keys, applicants);
        return outcome;
    }

    private static final Outcome REPEAT = new Outcome(false, null);

    private static String cause(Throwable failure) {
        StringBuilder chain = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            chain.append(" <- ").append(t.getClass().getSimpleName());
            if (t instanceof java.sql.SQLException sql) {
                chain.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
        }
        return chain.toString();
    }

    private static boolean idempotent(Submission s) {
        return ReceiptIdempotency.mayRepeat(s.idempotencyKey(), s.externalRef());
    }

    /**
     * A submission that met the rules, with its id, due date, the day of its sequence, and its applicant sealed
     * under a fresh data key of its own.
     */
    private record Prepared(Submission submission, String dossierId, Instant receivedAt, Instant dueAt,
                            LocalDate day, ProcedureView procedure, WorkingCalendar calendar, Instant now,
                            Sealed sealed) {
    }

    /** Also seals the applicant: a few microseconds of AES-GCM, done here so no transaction waits for it. */
    private Prepared prepare(Submission s, Instant now) {
        Checked c = check(s, now);
        Instant dueAt = c.dueAt();
        LocalDate day = ReceiptRules.sequenceDay(c.receivedAt(), c.calendar().zone());
        String dossierId = RandomIds.uuid().toString();
        return new Prepared(s, dossierId, c.receivedAt(), dueAt, day, c.procedure(), c.calendar(), now,
                cipher.seal(dossierId, s.applicant().toBytes()));
    }

    /** A receipt under its number: what POST answers, and the event to append. */
    private record Recorded(ReceiptView receipt, DossierRecorded event) {
    }

    private Recorded record(Prepared p, int number) {
        Submission s = p.submission();
        ProcedureView procedure = p.procedure();
        String code = DossierCode.of(s.officeId(), p.day(), number).toString();
        DossierRecorded event = new DossierRecorded(p.dossierId(), code, s.officeId(), procedure.code(),
                procedure.field(), s.channel(), ReceiptRules.onlineEligible(procedure.onlineMode()),
                procedure.processingDays(), p.receivedAt(), p.dueAt(), p.sealed().ciphertext(),
                s.documents() == null ? List.of() : List.copyOf(s.documents()), s.externalRef(), p.now(),
                procedure.fee(), procedure.onlinePayment(), s.lookupVerifier());
        return new Recorded(new ReceiptView(p.dossierId(), code, s.officeId(), procedure.code(), s.channel(),
                p.receivedAt().atZone(p.calendar().zone()).toOffsetDateTime(),
                p.dueAt().atZone(p.calendar().zone()).toOffsetDateTime()), event);
    }

    record Checked(Instant receivedAt, ProcedureView procedure, WorkingCalendar calendar) {
        Instant dueAt() {
            return ReceiptRules.dueAt(calendar, receivedAt, procedure.processingDays());
        }
    }

    /** The rules a submission must meet before anything is written; the catalogue is read from memory. */
    private Checked check(Submission s, Instant now) {
        return check(s.officeId(), s.procedureCode(), s.channel(), s.receivedAt(), now);
    }

    /** Also the rules of a corrected receipt ({@code DossierCorrections}): {@link ReceiptRules}. */
    Checked check(String officeId, String procedureCode, Channel channel, Instant requestedAt, Instant now) {
        Instant receivedAt = ReceiptRules.receivedAt(requestedAt, now);
        // Both read from memory (CatalogueQueries). Nothing is looked up that the rules would not reach: a malformed
        // office id, or a procedure at an unknown office (the office is refused first).
        boolean officeKnown = CatalogueRules.isOfficeId(officeId) && catalogue.knownOffice(officeId).isPresent();
        ProcedureView procedure = officeKnown && procedureCode != null
                ? catalogue.knownProcedure(procedureCode).orElse(null) : null;
        ReceiptRules.check(receivedAt, now, clockSkew, officeId, officeKnown, procedureCode, procedure, channel)
                .ifPresent(refusal -> {
                    throw refusal.toException();
                });
        return new Checked(receivedAt, procedure, calendars.forOffice(officeId));
    }

    /**
     * The first dossier of a repeat ({@link ReceiptIdempotency#reuse}: the same caller's key with another body is
     * refused, never answered with somebody else's dossier).
     */
    private Outcome repeatOf(Submission s) {
        Optional<DossierQueries.Claim> claim = dossiers.claimedDossier(s.client(), s.idempotencyKey(), s.officeId(),
                s.externalRef());
        claim.flatMap(earlier -> ReceiptIdempotency.reuse(earlier, s.client(), s.idempotencyKey(), s.requestHash()))
                .ifPresent(refusal -> {
                    throw refusal.toException();
                });
        return claim.map(DossierQueries.Claim::dossierId)
                .flatMap(dossiers::receipt)
                .map(receipt -> new Outcome(false, receipt))
                .orElse(null);
    }
}
