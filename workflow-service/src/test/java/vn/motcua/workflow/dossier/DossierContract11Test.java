package vn.motcua.workflow.dossier;

import static vn.motcua.workflow.dossier.DossierTest.local;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierRated;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.FeePaid;
import vn.motcua.events.Outcome;
import vn.motcua.events.Rating;
import vn.motcua.events.ResultReturned;
import vn.motcua.events.ReturnMethod;
import vn.motcua.events.SupplementReceived;
import vn.motcua.events.SupplementRequested;
import vn.motcua.events.Timeliness;
import vn.motcua.workflow.dossier.Commands.AnnounceOverdue;
import vn.motcua.workflow.dossier.Commands.CancelDossier;
import vn.motcua.workflow.dossier.Commands.OpenDossier;
import vn.motcua.workflow.dossier.Commands.PayFee;
import vn.motcua.workflow.dossier.Commands.RateDossier;
import vn.motcua.workflow.dossier.Commands.ReceiveSupplement;
import vn.motcua.workflow.dossier.Commands.RequestSupplement;
import vn.motcua.workflow.dossier.Commands.ReturnResult;
import vn.motcua.workflow.dossier.Commands.TransferDossier;

/**
 * The dossier's rules added by contract 1.1, one fixture test each: fees, electronic results, ratings, the one
 * supplement request, corrected receipts (DossierReceived revisions) and cancelled receipts.
 */
class DossierContract11Test {
    private static final String ID = "H49-260302-0001";
    private static final String OFFICE = "H49";
    // Received Monday 2026-03-02 09:00, 3 working days: due Thursday 09:00.
    private static final Instant RECEIVED = local("2026-03-02T09:00");
    private static final Instant DUE = local("2026-03-05T09:00");
    private static final DossierOpened OPENED = new DossierOpened(ID, OFFICE, "1.001612", new BigDecimal("3"),
            RECEIVED, DUE, "H49-260302-0001", "Đất đai", Channel.IN_PERSON, 50_000L, true, 0);
    private static final Instant RESOLVED_AT = local("2026-03-03T10:00");
    private static final DossierResolved RESOLVED = new DossierResolved(ID, OFFICE, Outcome.APPROVED, null,
            Timeliness.EARLY, DUE, RESOLVED_AT);
    private static final Instant RETURNED_AT = local("2026-03-03T11:00");
    private static final ResultReturned RETURNED = new ResultReturned(ID, OFFICE, ReturnMethod.ONLINE, RETURNED_AT,
            true);

    private FixtureConfiguration<Dossier> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Dossier.class);
        fixture.registerInjectableResource(WorkflowPolicy.decree61());
        fixture.registerInjectableResource(OfficeCalendars.national(WorkingCalendar.standard()));
    }

    @Nested
    class Payments {
        @Test
        void aFeePaidOnlineIsRecorded() {
            Instant at = local("2026-03-02T09:30");
            fixture.given(OPENED)
                    .when(new PayFee(ID, 50_000, true, at))
                    .expectEvents(new FeePaid(ID, OFFICE, 50_000, true, at));
        }

        @Test
        void aFeeMayBePaidAfterTheReturn() {
            Instant at = local("2026-03-03T12:00");
            fixture.given(OPENED, RESOLVED, RETURNED)
                    .when(new PayFee(ID, 0, false, at))
                    .expectEvents(new FeePaid(ID, OFFICE, 0, false, at));
        }

        @Test
        void notOnAWithdrawnDossier() {
            fixture.given(OPENED, new DossierWithdrawn(ID, OFFICE, null, local("2026-03-02T10:00")))
                    .when(new PayFee(ID, 50_000, false, local("2026-03-02T11:00")))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionMessage("dossier " + ID + " is WITHDRAWN: no fee can be paid")
                    .expectNoEvents();
        }

        @Test
        void notOnACancelledDossier() {
            fixture.given(OPENED, new ReceiptCancelled(ID, OFFICE, "nhầm thủ tục", local("2026-03-02T10:00")))
                    .when(new PayFee(ID, 50_000, false, local("2026-03-02T11:00")))
                    .expectException(CommandRefusedException.class)
                    .expectNoEvents();
        }

        @Test
        void aNegativeAmountIsRefusedNamingTheField() {
            fixture.given(OPENED)
                    .when(new PayFee(ID, -1, false, local("2026-03-02T11:00")))
                    .expectException(InvalidCommandException.class)
                    .expectNoEvents();
        }

        @Test
        void notBeforeThePreviousStep() {
            fixture.given(OPENED)
                    .when(new PayFee(ID, 1, false, local("2026-03-02T08:00")))
                    .expectException(InvalidCommandException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class ReturnAndRating {
        @Test
        void anElectronicResultIsMarkedOnTheReturn() {
            fixture.given(OPENED, RESOLVED)
                    .when(new ReturnResult(ID, ReturnMethod.ONLINE, RETURNED_AT, true))
                    .expectEvents(RETURNED);
        }

        @Test
        void aReturnedDossierIsRatedOnce() {
            Instant at = local("2026-03-04T09:00");
            fixture.given(OPENED, RESOLVED, RETURNED)
                    .when(new RateDossier(ID, Rating.SATISFIED, at))
                    .expectEvents(new DossierRated(ID, OFFICE, Rating.SATISFIED, at));
        }

        @Test
        void notBeforeTheResultIsReturned() {
            fixture.given(OPENED, RESOLVED)
                    .when(new RateDossier(ID, Rating.SATISFIED, local("2026-03-04T09:00")))
                    .expectException(CommandRefusedException.class)
                    .expectNoEvents();
        }

        @Test
        void aSecondRatingIsRefused() {
            fixture.given(OPENED, RESOLVED, RETURNED,
                            new DossierRated(ID, OFFICE, Rating.DISSATISFIED, local("2026-03-04T09:00")))
                    .when(new RateDossier(ID, Rating.SATISFIED, local("2026-03-04T10:00")))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionMessage("dossier " + ID + " is already rated: a dossier is rated once")
                    .expectNoEvents();
        }
    }

    @Nested
    class OneSupplementRequest {
        @Test
        void aSecondRequestIsRefusedEvenAfterTheSupplementArrived() {
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "missing map", local("2026-03-02T10:00")),
                            new SupplementReceived(ID, OFFICE, local("2026-03-02T14:00"), local("2026-03-05T14:00")))
                    .when(new RequestSupplement(ID, "missing survey", local("2026-03-02T15:00")))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionMessage("the office asks for a supplement once, fully: dossier " + ID
                            + " already had its supplement request")
                    .expectNoEvents();
        }

        @Test
        void thePolicyMayAllowMore() {
            fixture = new AggregateTestFixture<>(Dossier.class);
            fixture.registerInjectableResource(new WorkflowPolicy(true, 3, 1, 1, 1, 2));
            fixture.registerInjectableResource(OfficeCalendars.national(WorkingCalendar.standard()));
            Instant at = local("2026-03-02T15:00");
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "missing map", local("2026-03-02T10:00")),
                            new SupplementReceived(ID, OFFICE, local("2026-03-02T14:00"), local("2026-03-05T14:00")))
                    .when(new RequestSupplement(ID, "missing survey", at))
                    .expectEvents(new SupplementRequested(ID, OFFICE, "missing survey", at));
        }
    }

    @Nested
    class CorrectedReceipts {
        private OpenDossier revision(int revision, String procedure, String days, Instant receivedAt, Instant dueAt) {
            return new OpenDossier(ID, OFFICE, procedure, new BigDecimal(days), receivedAt, dueAt, ID, "Xây dựng",
                    Channel.ONLINE, 120_000, false, revision);
        }

        private DossierRevised revised(int revision, String procedure, String days, Instant receivedAt,
                                       Instant receiptDueAt, Instant dueAt) {
            return new DossierRevised(ID, OFFICE, revision, ID, procedure, "Xây dựng", Channel.ONLINE,
                    new BigDecimal(days), receivedAt, receiptDueAt, dueAt, 120_000, false);
        }

        @Test
        void theNextRevisionTakesIntakesDueDate() {
            // Another procedure, 5 working days: due Monday 9 March 09:00.
            Instant due = local("2026-03-09T09:00");
            fixture.given(OPENED)
                    .when(revision(1, "1.002000", "5", RECEIVED, due))
                    .expectEvents(revised(1, "1.002000", "5", RECEIVED, due, due));
        }

        @Test
        void anOlderOrRepeatedRevisionChangesNothing() {
            Instant due = local("2026-03-09T09:00");
            fixture.given(OPENED, revised(2, "1.002000", "5", RECEIVED, due, due))
                    .when(revision(1, "1.003000", "1", RECEIVED, local("2026-03-03T09:00")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(OPENED, revised(2, "1.002000", "5", RECEIVED, due, due))
                    .when(revision(2, "1.002000", "5", RECEIVED, due))
                    .expectNoEvents();
        }

        @Test
        void aResolvedDossierIgnoresCorrections() {
            fixture.given(OPENED, RESOLVED)
                    .when(revision(1, "1.002000", "5", RECEIVED, local("2026-03-09T09:00")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void afterASupplementRestartTheRestartIsRedoneWithTheCorrectedTime() {
            // Supplement complete Wednesday 4 March 09:00: restarted, 3 days, due Monday 9 March 09:00. Corrected to
            // a 5-day procedure: the statutory time restarts from the same instant, due Wednesday 11 March 09:00.
            Instant supplied = local("2026-03-04T09:00");
            Instant intakeDue = local("2026-03-09T09:00");
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "missing map", local("2026-03-03T09:00")),
                            new SupplementReceived(ID, OFFICE, supplied, local("2026-03-09T09:00")))
                    .when(revision(1, "1.002000", "5", RECEIVED, intakeDue))
                    .expectEvents(revised(1, "1.002000", "5", RECEIVED, intakeDue, local("2026-03-11T09:00")));
        }

        @Test
        void whileAwaitingTheSupplementTheRestartUsesTheCorrectedTime() {
            Instant intakeDue = local("2026-03-09T09:00");
            Instant supplied = local("2026-03-04T09:00");
            fixture.given(OPENED, new SupplementRequested(ID, OFFICE, "missing map", local("2026-03-03T09:00")),
                            revised(1, "1.002000", "5", RECEIVED, intakeDue, intakeDue))
                    .when(new ReceiveSupplement(ID, supplied))
                    .expectEvents(new SupplementReceived(ID, OFFICE, supplied, local("2026-03-11T09:00")));
        }

        @Test
        void theCorrectedDueDateIsTheOneAnnounced() {
            Instant due = local("2026-03-09T09:00");
            fixture.given(OPENED, revised(1, "1.002000", "5", RECEIVED, due, due))
                    .when(new AnnounceOverdue(ID, DUE))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }
    }

    @Nested
    class CancelledReceipts {
        private final Instant cancelledAt = local("2026-03-02T10:00");

        @Test
        void intakesCancellationClosesTheDossier() {
            fixture.given(OPENED)
                    .when(new CancelDossier(ID, OFFICE, "nhầm thủ tục", cancelledAt))
                    .expectEvents(new ReceiptCancelled(ID, OFFICE, "nhầm thủ tục", cancelledAt));
        }

        @Test
        void aRedeliveryChangesNothing() {
            fixture.given(OPENED, new ReceiptCancelled(ID, OFFICE, "x", cancelledAt))
                    .when(new CancelDossier(ID, OFFICE, "x", cancelledAt))
                    .expectNoEvents();
        }

        @Test
        void everyCommandIsRefused() {
            fixture.given(OPENED, new ReceiptCancelled(ID, OFFICE, "x", cancelledAt))
                    .when(new TransferDossier(ID, "Phòng TN-MT", null, null, local("2026-03-02T11:00")))
                    .expectException(CommandRefusedException.class)
                    .expectExceptionMessage("dossier " + ID + " is CANCELLED and cannot be transferred");
        }

        @Test
        void itsDeadlinesAreNotAnnounced() {
            fixture.given(OPENED, new ReceiptCancelled(ID, OFFICE, "x", cancelledAt))
                    .when(new AnnounceOverdue(ID, DUE))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }

        @Test
        void aCorrectionAfterTheCancellationChangesNothing() {
            fixture.given(OPENED, new ReceiptCancelled(ID, OFFICE, "x", cancelledAt))
                    .when(new OpenDossier(ID, OFFICE, "1.002000", new BigDecimal("5"), RECEIVED,
                            local("2026-03-09T09:00"), ID, null, Channel.IN_PERSON, 0, false, 1))
                    .expectNoEvents();
        }

        @Test
        void aCancellationOfAnUnknownDossierIsKeptSoItsReceiptCannotOpenIt() {
            fixture.givenNoPriorActivity()
                    .when(new CancelDossier(ID, OFFICE, "x", cancelledAt))
                    .expectEvents(new ReceiptCancelled(ID, OFFICE, "x", cancelledAt));
            fixture.given(new ReceiptCancelled(ID, OFFICE, "x", cancelledAt))
                    .when(new OpenDossier(ID, OFFICE, "1.001612", new BigDecimal("3"), RECEIVED, DUE))
                    .expectNoEvents();
        }
    }
}
