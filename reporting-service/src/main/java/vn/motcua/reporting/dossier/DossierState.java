package vn.motcua.reporting.dossier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import vn.motcua.events.ApologyLetterIssued;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierRated;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.FeePaid;
import vn.motcua.events.ResultReturned;
import vn.motcua.events.SupplementReceived;
import vn.motcua.events.SupplementRequested;

/**
 * Everything the projection keeps about one dossier: its {@code dossier_fact} row (if any event created it),
 * its supplement clock entries and its apology letters. {@link #apply} has exactly the effect the per-event
 * upserts had (each event sets only its own columns; clock entries and letters are insert-if-absent), so the
 * state after a batch does not depend on the order between topics.
 */
public final class DossierState {
    public record Clock(UUID eventId, String kind, Instant at, Instant dueAt) {
        static final Comparator<Clock> BY_TIME = Comparator.comparing(Clock::at);
    }

    public record Letter(int number, String officeId, Instant issuedAt, boolean inTime) {
    }

    public record Payment(UUID eventId, long amount, boolean online, Instant paidAt) {
    }

    public static final String STOPPED = "STOPPED";
    public static final String RESTARTED = "RESTARTED";

    final String dossierId;
    boolean fact;
    String officeId;
    String code;
    String procedureCode;
    String field;
    String channel;
    Boolean onlineEligible;
    Instant receivedAt;
    Instant dueAt;
    Instant resolvedAt;
    String outcome;
    String timeliness;
    Instant withdrawnAt;
    // contract 1.1
    int revision = -1; // -1: no receipt applied yet
    int documents;
    int digitised;
    int reused;
    long fee;
    boolean onlinePayment;
    Instant returnedAt;
    Boolean electronicResult;
    String rating;
    Instant ratedAt;
    Instant cancelledAt;
    final List<Clock> clocks = new ArrayList<>();
    final List<Letter> letters = new ArrayList<>();
    final List<Payment> payments = new ArrayList<>();
    /** What this batch changed, to be written. */
    boolean factChanged;
    final List<Clock> newClocks = new ArrayList<>();
    final List<Letter> newLetters = new ArrayList<>();
    final List<Payment> newPayments = new ArrayList<>();

    public DossierState(String dossierId) {
        this.dossierId = dossierId;
    }

    public DossierState copy() {
        DossierState c = new DossierState(dossierId);
        c.fact = fact;
        c.officeId = officeId;
        c.code = code;
        c.procedureCode = procedureCode;
        c.field = field;
        c.channel = channel;
        c.onlineEligible = onlineEligible;
        c.receivedAt = receivedAt;
        c.dueAt = dueAt;
        c.resolvedAt = resolvedAt;
        c.outcome = outcome;
        c.timeliness = timeliness;
        c.withdrawnAt = withdrawnAt;
        c.revision = revision;
        c.documents = documents;
        c.digitised = digitised;
        c.reused = reused;
        c.fee = fee;
        c.onlinePayment = onlinePayment;
        c.returnedAt = returnedAt;
        c.electronicResult = electronicResult;
        c.rating = rating;
        c.ratedAt = ratedAt;
        c.cancelledAt = cancelledAt;
        c.clocks.addAll(clocks);
        c.letters.addAll(letters);
        c.payments.addAll(payments);
        return c;
    }

    /** Whether {@link #apply} uses this event: the events the dossier tables are made of. */
    public static boolean applies(Object event) {
        return event instanceof DossierReceived || event instanceof DossierResolved
                || event instanceof DossierWithdrawn || event instanceof SupplementRequested
                || event instanceof SupplementReceived || event instanceof ApologyLetterIssued
                || event instanceof DossierCancelled || event instanceof FeePaid || event instanceof ResultReturned
                || event instanceof DossierRated;
    }

    /** Applies one dossier event; {@code time} is the event's own time, or ce_time if the producer left it out. */
    public void apply(Object event, UUID eventId, Instant time) {
        if (event instanceof DossierReceived r) {
            createFact(r.officeId());
            if (r.revision() < revision) {
                return; // an older revision of the receipt arriving late: the highest one stands
            }
            // The same revision twice (two copies, or 1.0 producers' corrections, all revision 0): the last wins.
            revision = r.revision();
            documents = r.documents();
            digitised = r.digitisedDocuments();
            reused = r.reusedDocuments();
            fee = r.fee();
            onlinePayment = r.onlinePayment();
            officeId = r.officeId();
            code = r.code();
            procedureCode = r.procedureCode();
            field = r.field();
            channel = r.channel() == null ? null : r.channel().name();
            onlineEligible = r.onlineEligible();
            receivedAt = or(r.receivedAt(), time);
            dueAt = r.dueAt();
        } else if (event instanceof DossierResolved r) {
            createFact(r.officeId());
            resolvedAt = or(r.resolvedAt(), time);
            outcome = r.outcome() == null ? null : r.outcome().name();
            timeliness = r.timeliness() == null ? null : r.timeliness().name();
        } else if (event instanceof DossierWithdrawn w) {
            createFact(w.officeId());
            withdrawnAt = or(w.withdrawnAt(), time);
        } else if (event instanceof SupplementRequested s) {
            addClock(new Clock(eventId, STOPPED, or(s.requestedAt(), time), null));
        } else if (event instanceof SupplementReceived s) {
            addClock(new Clock(eventId, RESTARTED, or(s.receivedAt(), time), s.dueAt()));
        } else if (event instanceof DossierCancelled c) {
            createFact(c.officeId());
            Instant at = or(c.cancelledAt(), time);
            if (cancelledAt == null || at.isBefore(cancelledAt)) {
                cancelledAt = at; // the earliest copy: order-independent
            }
        } else if (event instanceof ResultReturned r) {
            createFact(r.officeId());
            Instant at = or(r.returnedAt(), time);
            if (returnedAt == null || at.isBefore(returnedAt)
                    || at.equals(returnedAt) && r.electronicResult() && !Boolean.TRUE.equals(electronicResult)) {
                returnedAt = at; // the first return counts (ties: electronic wins, so order does not matter)
                electronicResult = r.electronicResult();
            }
        } else if (event instanceof DossierRated r) {
            createFact(r.officeId());
            Instant at = or(r.ratedAt(), time);
            String value = r.rating() == null ? null : r.rating().name();
            if (ratedAt == null || at.isBefore(ratedAt)
                    || at.equals(ratedAt) && value != null && (rating == null || value.compareTo(rating) < 0)) {
                ratedAt = at; // at most one rating; should two arrive, the first (then the smallest name) stands
                rating = value;
            }
        } else if (event instanceof FeePaid f) {
            if (payments.stream().noneMatch(p -> p.eventId().equals(eventId))) {
                Payment payment = new Payment(eventId, f.amount(), f.online(), or(f.paidAt(), time));
                payments.add(payment);
                newPayments.add(payment);
            }
        } else if (event instanceof ApologyLetterIssued a) {
            if (letters.stream().noneMatch(l -> l.number() == a.letterNumber())) { // first copy wins
                Letter letter = new Letter(a.letterNumber(), a.officeId(), or(a.issuedAt(), time), a.inTime());
                letters.add(letter);
                newLetters.add(letter);
            }
        } else {
            throw new IllegalArgumentException("not a dossier event: " + event.getClass().getSimpleName());
        }
    }

    /** A workflow event before the receipt creates the row with its own office; the receipt then sets it. */
    private void createFact(String office) {
        if (!fact) {
            fact = true;
            officeId = office;
        }
        factChanged = true;
    }

    private void addClock(Clock clock) {
        if (clocks.stream().noneMatch(c -> c.eventId().equals(clock.eventId()))) {
            clocks.add(clock);
            newClocks.add(clock);
        }
    }

    private static Instant or(Instant value, Instant fallback) {
        return value != null ? value : fallback;
    }

    /** When the dossier closed for the figures: a closure stamped before the receipt counts at the receipt. */
    Instant closedAt() {
        Instant closed = resolvedAt != null ? resolvedAt : withdrawnAt;
        if (closed != null && receivedAt != null && closed.isBefore(receivedAt)) {
            return receivedAt;
        }
        return closed;
    }

    /** More than one supplement request: it counts against the office in TDGQ.1 (Decision 766). */
    boolean multipleSupplementRequests() {
        return clocks.stream().filter(c -> STOPPED.equals(c.kind())).count() > 1;
    }

    boolean paidOnline() {
        return payments.stream().anyMatch(Payment::online);
    }

    public String dossierId() {
        return dossierId;
    }

    public String officeId() {
        return officeId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }
}
