package vn.motcua.workflow.dossier;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.motcua.events.ApologyLetterIssued;
import vn.motcua.events.DossierDueSoon;
import vn.motcua.events.DossierOverdue;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierTransferred;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.Outcome;
import vn.motcua.events.ResultReturned;
import vn.motcua.events.ReturnMethod;
import vn.motcua.events.SupplementReceived;
import vn.motcua.events.SupplementRequested;
import vn.motcua.events.Timeliness;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.workflow.dossier.Commands.AnnounceDueSoon;
import vn.motcua.workflow.dossier.Commands.AnnounceOverdue;
import vn.motcua.workflow.dossier.Commands.IssueApologyLetter;
import vn.motcua.workflow.dossier.Commands.OpenDossier;
import vn.motcua.workflow.dossier.Commands.ReceiveSupplement;
import vn.motcua.workflow.dossier.Commands.RequestSupplement;
import vn.motcua.workflow.dossier.Commands.ResolveDossier;
import vn.motcua.workflow.dossier.Commands.ReturnResult;
import vn.motcua.workflow.dossier.Commands.TransferDossier;
import vn.motcua.workflow.dossier.Commands.WithdrawDossier;

/** The dossier's rules, one fixture test each (DOMAIN.md, lifecycle, deadlines, apology letters). */
class DossierTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String ID = "H49-260302-0001";
    private static final String OFFICE = "H49";
    // Received Monday 2026-03-02 09:00, 3 working days: due Thursday 09:00.
    private static final Instant RECEIVED = local("2026-03-02T09:00");
    private static final Instant DUE = local("2026-03-05T09:00");
    private static final DossierOpened OPENED =
            new DossierOpened(ID, OFFICE, "1.001612", new BigDecimal("3"), RECEIVED, DUE);

    private FixtureConfiguration<Dossier> fixture;

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZONE).toInstant();
    }

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(WorkflowPolicy.decree61());
    }

    private static FixtureConfiguration<Dossier> fixtureWith(WorkflowPolicy policy) {
        return fixtureWith(policy, OfficeCalendars.national(WorkingCalendar.standard()));
    }

    private static FixtureConfiguration<Dossier> fixtureWith(WorkflowPolicy policy, OfficeCalendars calendars) {
        FixtureConfiguration<Dossier> f = new AggregateTestFixture<>(Dossier.class);
        f.registerInjectableResource(policy);
        f.registerInjectableResource(calendars);
        return f;
    }

    @Nested
    class Receipt {
        @Test
        void opensADossierFromIntake() {
            fixture.givenNoPriorActivity()
                    .when(new OpenDossier(ID, OFFICE, "1.001612", new BigDecimal("3"), RECEIVED, DUE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(OPENED);
        }

        @Test
        void aSecondDeliveryOpensNothing() {
            fixture.given(OPENED)
                    .when(new OpenDossier(ID, OFFICE, "1.001612", new BigDecimal("3"), RECEIVED, DUE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Transfers {
        @Test
        void eachTransferIsALineOfTheControlSlip() {
            Instant at = local("2026-03-02T10:00");
            fixture.given(OPENED)
                    .when(new TransferDossier(ID, "Phòng TN-MT", null, "for appraisal", at))
                    .expectEvents(new DossierTransferred(ID, OFFICE, "Phòng TN-MT", null, "for appraisal", at));
        }

        @Test
        void anotherAgencyCanReceiveIt() {
            Instant first = local("2026-03-02T10:00");
            Instant second = local("2026-03-03T10:00");
            fixture.given(OPENED, new DossierTransferred(ID, OFFICE, "Phòng TN-MT", null, null, first))
                    .when(new TransferDossier(ID, "Chi cục Thuế", "H49.TAX", "liên thông", second))
                    .expectEvents(new DossierTransferred(ID, OFFICE, "Chi cục Thuế", "H49.TAX", "liên thông", second));
        }

        @Test
        void aTransferBeforeThePreviousStepIsRefused() {
            fixture.given(OPENED, new DossierTransferred(ID, OFFICE, "A", null, null, local("2026-03-03T10:00")))
                    .when(new TransferDossier(ID, "B", null, null, local("2026-03-03T09:00")))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage("must not be before the dossier's previous step (2026-03-03T03:00:00Z)")
                    .expectNoEvents();
        }

        @Test
        void aTransferBeforeReceiptIsRefused() {
            fixture.given(OPENED)
                    .when(new TransferDossier(ID, "A", null, null, RECEIVED.minusSeconds(1)))
                    .expectException(InvalidCommandException.class);
        }

        @Test
        void aResolvedDossierIsNotTransferred() {
            fixture.given(OPENED, resolved(local("2026-03-03T10:00"), Timeliness.EARLY))
                    .when(new TransferDossier(ID, "A", null, null, local("2026-03-03T11:00")))
                    .expectException(CommandRefusedException.class);
        }
    }

    @Nested
    class Resolution {
        @Test
        void resolvedOnAnEarlierDayIsEarly() {
            Instant at = local("2026-03-04T16:59");
            fixture.given(OPENED)
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, at))
                    .expectEvents(new DossierResolved(ID, OFFICE, Outcome.APPROVED, null, Timeliness.EARLY, DUE, at));
        }

        @Test
        void resolvedOnTheDueDayAtOrBeforeDueAtIsOnTime() {
            fixture.given(OPENED)
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, DUE))
                    .expectEvents(new DossierResolved(ID, OFFICE, Outcome.APPROVED, null, Timeliness.ON_TIME, DUE,
                            DUE));
        }

        @Test
        void resolvedEarlyOnTheDueDayIsOnTime() {
            Instant at = local("2026-03-05T07:45");
            fixture.given(OPENED)
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, at))
                    .expectEvents(new DossierResolved(ID, OFFICE, Outcome.APPROVED, null, Timeliness.ON_TIME, DUE,
                            at));
        }

        @Test
        void resolvedAfterDueAtIsLateAndGetsAnApologyLetterMarkedLate() {
            Instant at = DUE.plusSeconds(60);
            fixture.given(OPENED)
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, at))
                    .expectEvents(
                            new ApologyLetterIssued(ID, OFFICE, 1, Dossier.LATE_APOLOGY_REASON, null, at, at, false),
                            new DossierResolved(ID, OFFICE, Outcome.APPROVED, null, Timeliness.LATE, DUE, at));
        }

        @Test
        void aLateDossierWithALetterGetsNoSecondOne() {
            Instant at = local("2026-03-06T10:00");
            ApologyLetterIssued letter = new ApologyLetterIssued(ID, OFFICE, 1, "land survey pending", "Phòng TN-MT",
                    local("2026-03-09T09:00"), local("2026-03-03T09:00"), true);
            fixture.given(OPENED, letter)
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, at))
                    .expectEvents(new DossierResolved(ID, OFFICE, Outcome.APPROVED, null, Timeliness.LATE, DUE, at));
        }

        @Test
        void lateIsJudgedAgainstTheStatutoryDateNotTheNewAppointment() {
            Instant at = local("2026-03-05T10:00");
            ApologyLetterIssued letter = new ApologyLetterIssued(ID, OFFICE, 1, "survey", null,
                    local("2026-03-09T09:00"), local("2026-03-03T09:00"), true);
            fixture.given(OPENED, letter)
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, at))
                    .expectEvents(new DossierResolved(ID, OFFICE, Outcome.APPROVED, null, Timeliness.LATE, DUE, at));
        }

        @Test
        void aRefusalNeedsAReason() {
            fixture.given(OPENED)
                    .when(new ResolveDossier(ID, Outcome.REFUSED, " ", local("2026-03-03T10:00")))
                    .expectException(InvalidCommandException.class)
                    .expectNoEvents();
        }

        @Test
        void aRefusalWithAReasonResolves() {
            Instant at = local("2026-03-03T10:00");
            fixture.given(OPENED)
                    .when(new ResolveDossier(ID, Outcome.REFUSED, "not eligible", at))
                    .expectEvents(new DossierResolved(ID, OFFICE, Outcome.REFUSED, "not eligible", Timeliness.EARLY,
                            DUE, at));
        }

        @Test
        void aSecondResolutionIsRefused() {
            fixture.given(OPENED, resolved(local("2026-03-03T10:00"), Timeliness.EARLY))
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, local("2026-03-03T11:00")))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionMessage("dossier " + ID + " is RESOLVED and cannot be resolved");
        }

        @Test
        void aDossierAwaitingASupplementIsNotResolved() {
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "missing map", local("2026-03-02T10:00")))
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, local("2026-03-03T11:00")))
                    .expectException(CommandRefusedException.class);
        }

        @Test
        void aResolutionBeforeReceiptIsRefused() {
            fixture.given(OPENED)
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, RECEIVED.minusSeconds(60)))
                    .expectException(InvalidCommandException.class);
        }
    }

    @Nested
    class Supplements {
        @Test
        void aSupplementMayBeRequestedWithinThreeWorkingDays() {
            Instant at = local("2026-03-05T09:00");
            fixture.given(OPENED)
                    .when(new RequestSupplement(ID, "missing cadastral map", at))
                    .expectEvents(new SupplementRequested(ID, OFFICE, "missing cadastral map", at));
        }

        @Test
        void notAfterThreeWorkingDays() {
            fixture.given(OPENED)
                    .when(new RequestSupplement(ID, "missing map", local("2026-03-05T09:01")))
                    .expectException(CommandRefusedException.class)
                    .expectNoEvents();
        }

        @Test
        void theWindowFollowsPolicy() {
            fixture = fixtureWith(new WorkflowPolicy(true, 5, 1, 1, 1, 1));
            Instant at = local("2026-03-06T09:00");
            fixture.given(OPENED)
                    .when(new RequestSupplement(ID, "missing map", at))
                    .expectEvents(new SupplementRequested(ID, OFFICE, "missing map", at));
        }

        @Test
        void theSupplementRestartsTheStatutoryTime() {
            Instant requested = local("2026-03-03T09:00");
            Instant received = local("2026-03-10T14:00"); // Tuesday: + 3 days = Friday 14:00
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "missing map", requested))
                    .when(new ReceiveSupplement(ID, received))
                    .expectEvents(new SupplementReceived(ID, OFFICE, received, local("2026-03-13T14:00")));
        }

        @Test
        void withoutRestartTheRemainingTimeContinues() {
            fixture = fixtureWith(new WorkflowPolicy(false, 3, 1, 1, 1, 1));
            Instant requested = local("2026-03-03T09:00"); // 2 working days left
            Instant received = local("2026-03-10T14:00");
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "missing map", requested))
                    .when(new ReceiveSupplement(ID, received))
                    .expectEvents(new SupplementReceived(ID, OFFICE, received, local("2026-03-12T14:00")));
        }

        @Test
        void aSupplementWithoutARequestIsRefused() {
            fixture.given(OPENED)
                    .when(new ReceiveSupplement(ID, local("2026-03-03T09:00")))
                    .expectException(CommandRefusedException.class);
        }

        @Test
        void aRequestNeedsAReason() {
            fixture.given(OPENED)
                    .when(new RequestSupplement(ID, "", local("2026-03-03T09:00")))
                    .expectException(InvalidCommandException.class);
        }

        @Test
        void aResolutionAfterTheRestartIsJudgedAgainstTheNewDueDate() {
            Instant newDue = local("2026-03-13T14:00");
            Instant at = local("2026-03-13T10:00");
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "map", local("2026-03-03T09:00")),
                            new SupplementReceived(ID, OFFICE, local("2026-03-10T14:00"), newDue))
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, at))
                    .expectEvents(new DossierResolved(ID, OFFICE, Outcome.APPROVED, null, Timeliness.ON_TIME, newDue,
                            at));
        }
    }

    @Nested
    class ApologyLetters {
        private final Instant newDue = local("2026-03-09T09:00");

        @Test
        void aLetterSentAtLeastOneWorkingDayBeforeDueAtIsInTime() {
            Instant at = local("2026-03-04T09:00");
            fixture.given(OPENED)
                    .when(new IssueApologyLetter(ID, "survey pending", newDue, "Phòng TN-MT", at))
                    .expectEvents(new ApologyLetterIssued(ID, OFFICE, 1, "survey pending", "Phòng TN-MT", newDue, at,
                            true));
        }

        @Test
        void aLetterSentLaterIsRecordedButMarkedLate() {
            Instant at = local("2026-03-04T09:01");
            fixture.given(OPENED)
                    .when(new IssueApologyLetter(ID, "survey pending", newDue, null, at))
                    .expectEvents(new ApologyLetterIssued(ID, OFFICE, 1, "survey pending", null, newDue, at, false));
        }

        @Test
        void aSecondLetterIsRefused() {
            fixture.given(OPENED, new ApologyLetterIssued(ID, OFFICE, 1, "survey", null, newDue,
                            local("2026-03-03T09:00"), true))
                    .when(new IssueApologyLetter(ID, "again", local("2026-03-10T09:00"), null,
                            local("2026-03-04T09:00")))
                    .expectException(CommandRefusedException.class)
                    .expectNoEvents();
        }

        @Test
        void theNewAppointmentMustBeAfterTheDueDate() {
            fixture.given(OPENED)
                    .when(new IssueApologyLetter(ID, "survey", DUE, null, local("2026-03-03T09:00")))
                    .expectException(InvalidCommandException.class);
        }

        @Test
        void noLetterForAResolvedDossier() {
            fixture.given(OPENED, resolved(local("2026-03-03T10:00"), Timeliness.EARLY))
                    .when(new IssueApologyLetter(ID, "survey", newDue, null, local("2026-03-03T11:00")))
                    .expectException(CommandRefusedException.class);
        }
    }

    @Nested
    class ReturnAndWithdrawal {
        @Test
        void theResultOfAResolvedDossierIsReturned() {
            Instant at = local("2026-03-04T09:00");
            fixture.given(OPENED, resolved(local("2026-03-03T10:00"), Timeliness.EARLY))
                    .when(new ReturnResult(ID, ReturnMethod.POSTAL, at))
                    .expectEvents(new ResultReturned(ID, OFFICE, ReturnMethod.POSTAL, at));
        }

        @Test
        void nothingIsReturnedBeforeTheDecision() {
            fixture.given(OPENED)
                    .when(new ReturnResult(ID, ReturnMethod.IN_PERSON, local("2026-03-04T09:00")))
                    .expectException(CommandRefusedException.class);
        }

        @Test
        void aReturnedDossierTakesNoMoreCommands() {
            fixture.given(OPENED, resolved(local("2026-03-03T10:00"), Timeliness.EARLY),
                            new ResultReturned(ID, OFFICE, ReturnMethod.ONLINE, local("2026-03-03T11:00")))
                    .when(new WithdrawDossier(ID, null, local("2026-03-04T09:00")))
                    .expectException(CommandRefusedException.class);
        }

        @Test
        void anUnresolvedDossierMayBeWithdrawn() {
            Instant at = local("2026-03-03T09:00");
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "map", local("2026-03-02T10:00")))
                    .when(new WithdrawDossier(ID, "applicant changed plans", at))
                    .expectEvents(new DossierWithdrawn(ID, OFFICE, "applicant changed plans", at));
        }

        @Test
        void aWithdrawnDossierIsNotResolved() {
            fixture.given(OPENED, new DossierWithdrawn(ID, OFFICE, null, local("2026-03-03T09:00")))
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, local("2026-03-03T10:00")))
                    .expectException(CommandRefusedException.class);
        }
    }

    @Nested
    class Deadlines {
        @Test
        void dueSoonIsAnnouncedOneWorkingDayBeforeDueAt() {
            fixture.given(OPENED)
                    .when(new AnnounceDueSoon(ID, DUE))
                    .expectEvents(new DossierDueSoon(ID, OFFICE, DUE, local("2026-03-04T09:00")));
        }

        @Test
        void overdueIsAnnouncedAtTheMomentDueAtPassed() {
            fixture.given(OPENED)
                    .when(new AnnounceOverdue(ID, DUE))
                    .expectEvents(new DossierOverdue(ID, OFFICE, DUE, DUE))
                    .expectResultMessagePayload(true);
        }

        @Test
        void eachIsAnnouncedOnce() {
            fixture.given(OPENED, new DossierDueSoon(ID, OFFICE, DUE, local("2026-03-04T09:00")),
                            new DossierOverdue(ID, OFFICE, DUE, DUE))
                    .when(new AnnounceOverdue(ID, DUE))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
            fixture.given(OPENED, new DossierDueSoon(ID, OFFICE, DUE, local("2026-03-04T09:00")))
                    .when(new AnnounceDueSoon(ID, DUE))
                    .expectNoEvents();
        }

        @Test
        void aStoppedClockIsNeverOverdue() {
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "map", local("2026-03-02T10:00")))
                    .when(new AnnounceOverdue(ID, DUE))
                    .expectNoEvents();
        }

        @Test
        void aResolvedDossierIsNeverOverdue() {
            fixture.given(OPENED, resolved(local("2026-03-03T10:00"), Timeliness.EARLY))
                    .when(new AnnounceOverdue(ID, DUE))
                    .expectNoEvents();
        }

        @Test
        void aRestartedClockIsAnnouncedAgainForItsNewDueDate() {
            Instant newDue = local("2026-03-13T14:00");
            fixture.given(OPENED, new DossierOverdue(ID, OFFICE, DUE, DUE),
                            new SupplementRequested(ID, OFFICE, "map", local("2026-03-05T10:00")),
                            new SupplementReceived(ID, OFFICE, local("2026-03-10T14:00"), newDue))
                    .when(new AnnounceOverdue(ID, newDue))
                    .expectEvents(new DossierOverdue(ID, OFFICE, newDue, newDue));
        }

        @Test
        void theScheduleMatchesAtTheDatabasesPrecision() {
            Instant due = DUE.plusNanos(123_456_789); // PostgreSQL keeps .123457
            fixture.given(new DossierOpened(ID, OFFICE, "x", new BigDecimal("3"), RECEIVED, due))
                    .when(new AnnounceOverdue(ID, DUE.plusNanos(123_457_000)))
                    .expectEvents(new DossierOverdue(ID, OFFICE, due, due));
        }

        @Test
        void aStaleScheduleIsIgnored() {
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "map", local("2026-03-03T09:00")),
                            new SupplementReceived(ID, OFFICE, local("2026-03-10T14:00"), local("2026-03-13T14:00")))
                    .when(new AnnounceOverdue(ID, DUE))
                    .expectNoEvents();
        }

        @Test
        void aShortProcedureIsDueSoonFromReceipt() {
            Instant due = local("2026-03-02T13:30"); // half a day
            fixture.given(new DossierOpened(ID, OFFICE, "x", new BigDecimal("0.5"), RECEIVED, due))
                    .when(new AnnounceDueSoon(ID, due))
                    .expectEvents(new DossierDueSoon(ID, OFFICE, due, RECEIVED));
        }

        @Test
        void announcementsDoNotMoveThePreviousStep() {
            Instant at = local("2026-03-04T10:00");
            fixture.given(OPENED, new DossierOverdue(ID, OFFICE, DUE, DUE))
                    .when(new ResolveDossier(ID, Outcome.APPROVED, null, at))
                    .expectEvents(new DossierResolved(ID, OFFICE, Outcome.APPROVED, null, Timeliness.EARLY, DUE, at));
        }
    }

    private static DossierResolved resolved(Instant at, Timeliness timeliness) {
        return new DossierResolved(ID, OFFICE, Outcome.APPROVED, null, timeliness, DUE, at);
    }

    /** An office's own days off (its calendar override file) count in its dossiers' deadlines, not elsewhere. */
    @Nested
    class OfficeCalendar {
        // H49 closes on Thursday 2026-03-12 (a provincial day off); other offices work that day.
        private final OfficeCalendars calendars = new OfficeCalendars(WorkingCalendar.standard(), Map.of(OFFICE,
                WorkingCalendar.standard().withOverride(Set.of(LocalDate.of(2026, 3, 12)), Set.of())));

        @BeforeEach
        void withOverride() {
            fixture = fixtureWith(WorkflowPolicy.decree61(), calendars);
        }

        @Test
        void theSupplementRestartSkipsTheOfficesDayOff() {
            Instant requested = local("2026-03-03T09:00");
            Instant received = local("2026-03-10T14:00"); // Tuesday + 3 days, Thursday off: Monday 14:00
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "missing map", requested))
                    .when(new ReceiveSupplement(ID, received))
                    .expectEvents(new SupplementReceived(ID, OFFICE, received, local("2026-03-16T14:00")));
        }

        @Test
        void anotherOfficeKeepsTheNationalCalendar() {
            String other = "H50-260302-0001";
            Instant requested = local("2026-03-03T09:00");
            Instant received = local("2026-03-10T14:00");
            fixture.given(new DossierOpened(other, "H50", "1.001612", new BigDecimal("3"), RECEIVED, DUE),
                            new SupplementRequested(other, "H50", "missing map", requested))
                    .when(new ReceiveSupplement(other, received))
                    .expectEvents(new SupplementReceived(other, "H50", received, local("2026-03-13T14:00")));
        }

        @Test
        void dueSoonAndTheApologyLeadCountTheOfficesWorkingDays() {
            // Due Friday 2026-03-13 09:00; with Thursday off, one working day before is Wednesday 09:00.
            Instant due = local("2026-03-13T09:00");
            DossierOpened opened = new DossierOpened(ID, OFFICE, "1.001612", new BigDecimal("3"),
                    local("2026-03-10T09:00"), due);
            fixture.given(opened)
                    .when(new AnnounceDueSoon(ID, due))
                    .expectEvents(new DossierDueSoon(ID, OFFICE, due, local("2026-03-11T09:00")));
            // Sent Wednesday 10:00: less than one of H49's working days before dueAt, so not in time.
            Instant sent = local("2026-03-11T10:00");
            Instant newDue = local("2026-03-20T09:00");
            fixture.given(opened)
                    .when(new IssueApologyLetter(ID, "appraisal takes longer", newDue, "land office", sent))
                    .expectEvents(new ApologyLetterIssued(ID, OFFICE, 1, "appraisal takes longer", "land office",
                            newDue, sent, false));
        }
    }
}
