package vn.motcua.reporting.dossier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import vn.motcua.events.ApologyLetterIssued;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierWithdrawn;
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
    final List<Clock> clocks = new ArrayList<>();
    final List<Letter> letters = new ArrayList<>();
    /** What this batch changed, to be written. */
    boolean factChanged;
    final List<Clock> newClocks = new ArrayList<>();
    final List<Letter> newLetters = new ArrayList<>();

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
        c.clocks.addAll(clocks);
        c.letters.addAll(letters);
        return c;
    }

    /** Whether {@link #apply} uses this event: the events the dossier tables are made of. */
    public static boolean applies(Object event) {
        return event instanceof DossierReceived || event instanceof DossierResolved
                || event instanceof DossierWithdrawn || event instanceof SupplementRequested
                || event instanceof SupplementReceived || event instanceof ApologyLetterIssued;
    }

    /** Applies one dossier event; {@code time} is the event's own time, or ce_time if the producer left it out. */
    public void apply(Object event, UUID eventId, Instant time) {
        if (event instanceof DossierReceived r) {
            createFact(r.officeId());
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
