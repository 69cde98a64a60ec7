package vn.motcua.workflow.dossier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.motcua.events.ApologyLetterIssued;
import vn.motcua.events.DossierDueSoon;
import vn.motcua.events.DossierOverdue;
import vn.motcua.events.DossierRated;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierTransferred;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.FeePaid;
import vn.motcua.events.Outcome;
import vn.motcua.events.ResultReturned;
import vn.motcua.events.SupplementReceived;
import vn.motcua.events.SupplementRequested;
import vn.motcua.events.Timeliness;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.workflow.deadline.DueSoonRule;
import vn.motcua.workflow.dossier.Commands.AnnounceDueSoon;
import vn.motcua.workflow.dossier.Commands.AnnounceOverdue;
import vn.motcua.workflow.dossier.Commands.CancelDossier;
import vn.motcua.workflow.dossier.Commands.IssueApologyLetter;
import vn.motcua.workflow.dossier.Commands.OpenDossier;
import vn.motcua.workflow.dossier.Commands.PayFee;
import vn.motcua.workflow.dossier.Commands.RateDossier;
import vn.motcua.workflow.dossier.Commands.ReceiveSupplement;
import vn.motcua.workflow.dossier.Commands.RequestSupplement;
import vn.motcua.workflow.dossier.Commands.ResolveDossier;
import vn.motcua.workflow.dossier.Commands.ReturnResult;
import vn.motcua.workflow.dossier.Commands.TransferDossier;
import vn.motcua.workflow.dossier.Commands.WithdrawDossier;

/**
 * One dossier from receipt to return: the rules of DOMAIN.md's lifecycle, top to bottom. Events are the
 * contract records themselves (published as they are), plus the internal {@link DossierOpened}.
 *
 * <p>Over 300 lines on purpose: each step is one command handler in the regulation's order, and the state below
 * exists for those rules; split into Axon aggregate members, one rule (the clock that a supplement stops and
 * restarts) would be read across classes. The commands do all the counting (working days, due dates, timeliness)
 * and put the results in the events; the sourcing handlers at the bottom only copy, so a replay asks no calendar,
 * policy or clock (issue 15, decisions.md).
 */
@Aggregate
public class Dossier {
    static final String LATE_APOLOGY_REASON = "processing exceeded the appointment";

    @AggregateIdentifier
    private String dossierId;
    private String officeId;
    private BigDecimal processingDays;
    private Instant receivedAt;
    private Instant dueAt;
    private DossierStatus status;
    /** When the latest step happened: no command may be dated before it. */
    private Instant lastStepAt;
    private int apologyLetters;
    /** When the statutory clock (re)started: receipt, or the complete supplement. */
    private Instant clockStartedAt;
    /** The due dates already announced as due soon / overdue: once each per statutory due date. */
    private Instant dueSoonAnnouncedFor;
    private Instant overdueAnnouncedFor;
    /** The DossierReceived revision the dossier follows (0 = the first receipt). */
    private int revision;
    private int supplementRequests;
    private Instant supplementRequestedAt;
    /** A complete supplement restarted the clock: a corrected receipt then moves the restart, not the receipt. */
    private boolean clockRestarted;
    private boolean rated;

    protected Dossier() {
        // Axon rebuilds the dossier from its events.
    }

    // ---- receipt -------------------------------------------------------------------------------------------

    /**
     * Creates the dossier if missing; a redelivered DossierReceived finds it opened and changes nothing. A later
     * revision (a corrected receipt) of an open dossier updates it; an older or repeated one, or any revision of
     * a resolved, withdrawn or cancelled dossier, changes nothing (intake refuses those corrections anyway).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenDossier command, WorkflowPolicy policy, OfficeCalendars calendars) {
        if (status == null) {
            apply(new DossierOpened(command.dossierId(), command.officeId(), command.procedureCode(),
                    command.processingDays(), command.receivedAt(), command.dueAt(), command.code(), command.field(),
                    command.channel(), command.fee(), command.onlinePayment(), command.revision(),
                    command.externalRef(), command.lookupVerifier()));
            return;
        }
        if (command.revision() <= revision || !status.isOpen()) {
            return;
        }
        apply(new DossierRevised(dossierId, officeId, command.revision(), command.code(), command.procedureCode(),
                command.field(), command.channel(), command.processingDays(), command.receivedAt(), command.dueAt(),
                dueInForceAfterCorrection(command, policy, calendars.forOffice(officeId)), command.fee(),
                command.onlinePayment(), command.externalRef(), command.lookupVerifier()));
    }

    /**
     * The statutory due date is intake's (receipt + the procedure's time), moved only by a supplement restart. A
     * correction after a restart keeps that rule: the restart is redone from the same instant with the corrected
     * time (all of it when the policy restarts the clock; otherwise what the corrected due date had left when
     * the clock stopped).
     */
    private Instant dueInForceAfterCorrection(OpenDossier command, WorkflowPolicy policy, WorkingCalendar calendar) {
        if (!clockRestarted) {
            return command.dueAt();
        }
        return policy.supplementRestartsClock()
                ? calendar.addWorkingDays(clockStartedAt, command.processingDays())
                : calendar.addWorkingHours(clockStartedAt,
                        calendar.workingTimeBetween(supplementRequestedAt, command.dueAt()));
    }

    /** Intake cancelled the receipt: follow it whatever the state (a redelivery changes nothing). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CancelDossier command) {
        if (status == DossierStatus.CANCELLED) {
            return;
        }
        // Unknown here (the receipt never arrived): recorded all the same, so a late receipt cannot reopen it.
        apply(new ReceiptCancelled(command.dossierId(), officeId != null ? officeId : command.officeId(),
                command.reason(), command.cancelledAt()));
    }

    // ---- processing: transfers between units and agencies (form 05 lines) ---------------------------------

    @CommandHandler
    public void handle(TransferDossier command) {
        requireStatus("be transferred", DossierStatus.RECEIVED, DossierStatus.IN_PROCESS);
        requireText("toUnit", command.toUnit(), "the receiving unit is required");
        requireNotBeforeLastStep(command.at());
        apply(new DossierTransferred(dossierId, officeId, command.toUnit(), command.toOfficeId(), command.note(),
                command.at()));
    }

    // ---- supplement: the clock stops, then restarts ------------------------------------------------------

    @CommandHandler
    public void handle(RequestSupplement command, WorkflowPolicy policy, OfficeCalendars calendars) {
        WorkingCalendar calendar = calendars.forOffice(officeId); // the dossier's office counts its own days off
        requireStatus("get a supplement request", DossierStatus.RECEIVED, DossierStatus.IN_PROCESS);
        if (supplementRequests >= policy.maxSupplementRequests()) {
            throw new CommandRefusedException("the office asks for a supplement once, fully: dossier " + dossierId
                    + " already had its supplement request");
        }
        requireText("reason", command.reason(), "the missing papers must be named");
        requireNotBeforeLastStep(command.at());
        Duration window = calendar.workingTimeOf(BigDecimal.valueOf(policy.supplementWindowDays()));
        if (calendar.workingTimeBetween(receivedAt, command.at()).compareTo(window) > 0) {
            throw new CommandRefusedException("a supplement may be requested only within "
                    + policy.supplementWindowDays() + " working days of receipt (received " + receivedAt + ")");
        }
        apply(new SupplementRequested(dossierId, officeId, command.reason(), command.at()));
    }

    @CommandHandler
    public void handle(ReceiveSupplement command, WorkflowPolicy policy, OfficeCalendars calendars) {
        WorkingCalendar calendar = calendars.forOffice(officeId);
        requireStatus("receive a supplement", DossierStatus.AWAITING_SUPPLEMENT);
        requireNotBeforeLastStep(command.at());
        // Without the restart, the time the clock had left when it stopped runs on from the supplement. Counted
        // here, not when the stop is replayed: the event carries the resulting due date (decisions.md, issue 15).
        Instant newDueAt = policy.supplementRestartsClock()
                ? calendar.addWorkingDays(command.at(), processingDays)
                : calendar.addWorkingHours(command.at(), calendar.workingTimeBetween(supplementRequestedAt, dueAt));
        apply(new SupplementReceived(dossierId, officeId, command.at(), newDueAt));
    }

    // ---- apology letter (form 04): at most maxReschedules, in time if sent early enough --------------------

    @CommandHandler
    public ApologyLetterIssued handle(IssueApologyLetter command, WorkflowPolicy policy, OfficeCalendars calendars) {
        WorkingCalendar calendar = calendars.forOffice(officeId);
        requireOpen("get an apology letter");
        if (apologyLetters >= policy.maxReschedules()) {
            throw new CommandRefusedException("the appointment may be rescheduled only " + policy.maxReschedules()
                    + " time(s): dossier " + dossierId + " already has an apology letter");
        }
        requireText("reason", command.reason(), "the reason for the delay is required");
        if (command.newDueAt() == null) {
            throw new InvalidCommandException("newDueAt", "the new appointment is required");
        }
        if (!command.newDueAt().isAfter(dueAt)) {
            throw new InvalidCommandException("newDueAt",
                    "the new appointment must be after the statutory due date " + dueAt);
        }
        requireNotBeforeLastStep(command.at());
        Duration lead = calendar.workingTimeOf(BigDecimal.valueOf(policy.apologyLeadDays()));
        boolean inTime = !command.at().isAfter(dueAt)
                && calendar.workingTimeBetween(command.at(), dueAt).compareTo(lead) >= 0;
        ApologyLetterIssued letter = new ApologyLetterIssued(dossierId, officeId, apologyLetters + 1,
                command.reason(), command.responsibleUnit(), command.newDueAt(), command.at(), inTime);
        apply(letter);
        return letter;
    }

    // ---- decision ------------------------------------------------------------------------------------------

    @CommandHandler
    public void handle(ResolveDossier command, OfficeCalendars calendars) {
        WorkingCalendar calendar = calendars.forOffice(officeId);
        if (status == DossierStatus.AWAITING_SUPPLEMENT) {
            throw new CommandRefusedException("dossier " + dossierId
                    + " is awaiting a supplement: record the supplement (or a withdrawal) first");
        }
        requireStatus("be resolved", DossierStatus.RECEIVED, DossierStatus.IN_PROCESS);
        if (command.outcome() == null) {
            throw new InvalidCommandException("outcome", "must be APPROVED or REFUSED");
        }
        if (command.outcome() == Outcome.REFUSED) {
            requireText("reason", command.reason(), "a refusal needs a written reason");
        }
        requireNotBeforeLastStep(command.at());
        Timeliness timeliness = TimelinessRule.classify(command.at(), dueAt, calendar.zone());
        if (timeliness == Timeliness.LATE && apologyLetters == 0) {
            // Every late dossier ends with an apology letter: issued here, marked late, if none was sent. The
            // service issues it, not the officer who resolved: no actor.
            apply(new ApologyLetterIssued(dossierId, officeId, 1, LATE_APOLOGY_REASON, null, command.at(),
                    command.at(), false), Actor.SERVICE);
        }
        apply(new DossierResolved(dossierId, officeId, command.outcome(), command.reason(), timeliness, dueAt,
                command.at()));
    }

    // ---- return and withdrawal -----------------------------------------------------------------------------

    @CommandHandler
    public void handle(ReturnResult command) {
        requireStatus("have its result returned", DossierStatus.RESOLVED);
        if (command.method() == null) {
            throw new InvalidCommandException("method", "must be IN_PERSON, POSTAL or ONLINE");
        }
        requireNotBeforeLastStep(command.at());
        apply(new ResultReturned(dossierId, officeId, command.method(), command.at(), command.electronicResult()));
    }

    /** The applicant rates the handling once, after the result was returned (Decision 766, MDHL). */
    @CommandHandler
    public void handle(RateDossier command) {
        requireStatus("be rated before its result is returned", DossierStatus.RETURNED);
        if (rated) {
            throw new CommandRefusedException("dossier " + dossierId + " is already rated: a dossier is rated once");
        }
        if (command.rating() == null) {
            throw new InvalidCommandException("rating", "must be SATISFIED, NEUTRAL or DISSATISFIED");
        }
        requireNotBeforeLastStep(command.at());
        apply(new DossierRated(dossierId, officeId, command.rating(), command.at()));
    }

    // ---- fees: paid at any point while the dossier is neither withdrawn nor cancelled ----------------------

    @CommandHandler
    public void handle(PayFee command) {
        if (status == DossierStatus.WITHDRAWN || status == DossierStatus.CANCELLED) {
            throw new CommandRefusedException("dossier " + dossierId + " is " + status + ": no fee can be paid");
        }
        if (command.amount() < 0) {
            throw new InvalidCommandException("amount", "must be an integer amount of VND, 0 or more");
        }
        requireNotBeforeLastStep(command.at());
        apply(new FeePaid(dossierId, officeId, command.amount(), command.online(), command.at()));
    }

    @CommandHandler
    public void handle(WithdrawDossier command) {
        requireOpen("be withdrawn");
        requireNotBeforeLastStep(command.at());
        apply(new DossierWithdrawn(dossierId, officeId, command.reason(), command.at()));
    }

    // ---- deadlines: announced once per statutory due date, never while the clock is stopped ---------------

    /** Returns false when there is nothing (more) to announce for that due date: already done, or stale. */
    @CommandHandler
    public boolean handle(AnnounceDueSoon command, WorkflowPolicy policy, OfficeCalendars calendars) {
        WorkingCalendar calendar = calendars.forOffice(officeId);
        if (!clockRunningFor(command.dueAt()) || dueAt.equals(dueSoonAnnouncedFor)) {
            return false; // already announced, or stale (resolved, stopped, or moved since it was scheduled)
        }
        apply(new DossierDueSoon(dossierId, officeId, dueAt,
                DueSoonRule.of(policy).announcedAt(calendar, dueAt, clockStartedAt)));
        return true;
    }

    @CommandHandler
    public boolean handle(AnnounceOverdue command) {
        if (!clockRunningFor(command.dueAt()) || dueAt.equals(overdueAnnouncedFor)) {
            return false;
        }
        // It became overdue the moment dueAt passed, whenever the watcher noticed (e.g. after downtime).
        apply(new DossierOverdue(dossierId, officeId, dueAt, dueAt));
        return true;
    }

    /** The schedule comes from PostgreSQL, which rounds to microseconds: equal within one microsecond. */
    private boolean clockRunningFor(Instant scheduledDueAt) {
        return (status == DossierStatus.RECEIVED || status == DossierStatus.IN_PROCESS)
                && Duration.between(dueAt, scheduledDueAt).abs().toNanos() < 1_000;
    }

    // ---- guards ---------------------------------------------------------------------------------------------

    private void requireOpen(String action) {
        requireStatus(action, DossierStatus.RECEIVED, DossierStatus.IN_PROCESS, DossierStatus.AWAITING_SUPPLEMENT);
    }

    private void requireStatus(String action, DossierStatus... allowed) {
        if (Arrays.asList(allowed).contains(status)) {
            return;
        }
        throw new CommandRefusedException("dossier " + dossierId + " is " + status + " and cannot " + action);
    }

    private void requireNotBeforeLastStep(Instant at) {
        if (at == null) {
            throw new InvalidCommandException("at", "the time of the step is required");
        }
        if (at.isBefore(lastStepAt)) {
            throw new InvalidCommandException("at", "must not be before the dossier's previous step (" + lastStepAt
                    + ")");
        }
    }

    private static void requireText(String field, String value, String message) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommandException(field, message);
        }
    }

    // ---- state ----------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(DossierOpened event) {
        dossierId = event.dossierId();
        officeId = event.officeId();
        processingDays = event.processingDays();
        receivedAt = event.receivedAt();
        dueAt = event.dueAt();
        status = DossierStatus.RECEIVED;
        lastStepAt = event.receivedAt();
        clockStartedAt = event.receivedAt();
        revision = event.revisionOrZero();
    }

    @EventSourcingHandler
    void on(DossierRevised event) {
        // No step yet: the corrected receipt is the previous step; otherwise steps keep their order.
        lastStepAt = lastStepAt.equals(receivedAt) || event.receivedAt().isAfter(lastStepAt)
                ? event.receivedAt() : lastStepAt;
        receivedAt = event.receivedAt();
        processingDays = event.processingDays();
        dueAt = event.dueAt();
        revision = event.revision();
        if (!clockRestarted) {
            clockStartedAt = event.receivedAt();
        }
    }

    @EventSourcingHandler
    void on(ReceiptCancelled event) {
        dossierId = event.dossierId();
        officeId = event.officeId();
        status = DossierStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(FeePaid event) {
        lastStepAt = later(lastStepAt, event.paidAt());
    }

    @EventSourcingHandler
    void on(DossierRated event) {
        rated = true;
        lastStepAt = later(lastStepAt, event.ratedAt());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    @EventSourcingHandler
    void on(DossierTransferred event) {
        status = DossierStatus.IN_PROCESS;
        lastStepAt = event.transferredAt();
    }

    @EventSourcingHandler
    void on(SupplementRequested event) {
        status = DossierStatus.AWAITING_SUPPLEMENT;
        lastStepAt = event.requestedAt();
        supplementRequests++;
        supplementRequestedAt = event.requestedAt();
    }

    @EventSourcingHandler
    void on(SupplementReceived event) {
        status = DossierStatus.IN_PROCESS;
        dueAt = event.dueAt();
        lastStepAt = event.receivedAt();
        clockStartedAt = event.receivedAt();
        clockRestarted = true;
    }

    @EventSourcingHandler
    void on(DossierDueSoon event) {
        dueSoonAnnouncedFor = event.dueAt();
    }

    @EventSourcingHandler
    void on(DossierOverdue event) {
        overdueAnnouncedFor = event.dueAt();
    }

    @EventSourcingHandler
    void on(ApologyLetterIssued event) {
        apologyLetters = Math.max(apologyLetters, event.letterNumber());
        lastStepAt = event.issuedAt();
    }

    @EventSourcingHandler
    void on(DossierResolved event) {
        status = DossierStatus.RESOLVED;
        lastStepAt = event.resolvedAt();
    }

    @EventSourcingHandler
    void on(ResultReturned event) {
        status = DossierStatus.RETURNED;
        lastStepAt = event.returnedAt();
    }

    @EventSourcingHandler
    void on(DossierWithdrawn event) {
        status = DossierStatus.WITHDRAWN;
        lastStepAt = event.withdrawnAt();
    }
}
