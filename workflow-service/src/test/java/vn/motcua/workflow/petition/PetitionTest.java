package vn.motcua.workflow.petition;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.events.PetitionAnswered;
import vn.motcua.events.PetitionRated;
import vn.motcua.events.PetitionReceived;
import vn.motcua.events.Rating;
import vn.motcua.workflow.dossier.CommandRefusedException;
import vn.motcua.workflow.dossier.InvalidCommandException;
import vn.motcua.workflow.petition.PetitionCommands.AnswerPetition;
import vn.motcua.workflow.petition.PetitionCommands.RatePetition;
import vn.motcua.workflow.petition.PetitionCommands.ReceivePetition;

/** A petition's rules: due 15 working days after receipt, answered once (on time or not), rated once after. */
class PetitionTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String ID = "P-1";
    private static final String OFFICE = "H49";
    // Monday 2 March 2026 09:00 + 15 working days (three whole weeks, no holiday): Monday 23 March 09:00.
    private static final Instant RECEIVED = local("2026-03-02T09:00");
    private static final Instant DUE = local("2026-03-23T09:00");
    private static final PetitionReceived RECEIVED_EVENT = new PetitionReceived(ID, OFFICE, "thái độ", RECEIVED, DUE);

    private FixtureConfiguration<Petition> fixture;

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZONE).toInstant();
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Petition.class);
        fixture.registerInjectableResource(PetitionPolicy.standard());
        fixture.registerInjectableResource(OfficeCalendars.national(WorkingCalendar.standard()));
    }

    @Test
    void dueFifteenWorkingDaysAfterReceipt() {
        fixture.givenNoPriorActivity()
                .when(new ReceivePetition(ID, OFFICE, "thái độ", RECEIVED))
                .expectEvents(RECEIVED_EVENT);
    }

    @Test
    void dueCountsTheHolidays() {
        // Received Monday 20 April 2026: the Hùng Kings day and 30/4-1/5 fall within the next three weeks, so 15
        // working days end later than three calendar weeks would.
        Instant received = local("2026-04-20T09:00");
        WorkingCalendar calendar = WorkingCalendar.standard();
        Instant due = calendar.addWorkingDays(received, java.math.BigDecimal.valueOf(15));
        fixture.givenNoPriorActivity()
                .when(new ReceivePetition(ID, OFFICE, "x", received))
                .expectEvents(new PetitionReceived(ID, OFFICE, "x", received, due));
        org.assertj.core.api.Assertions.assertThat(due).isAfter(local("2026-05-11T09:00"));
    }

    @Test
    void answeredAtOrBeforeTheDueInstantIsOnTime() {
        fixture.given(RECEIVED_EVENT)
                .when(new AnswerPetition(ID, DUE))
                .expectEvents(new PetitionAnswered(ID, OFFICE, DUE, DUE, true));
    }

    @Test
    void answeredAfterItIsLate() {
        Instant at = local("2026-03-23T09:01");
        fixture.given(RECEIVED_EVENT)
                .when(new AnswerPetition(ID, at))
                .expectEvents(new PetitionAnswered(ID, OFFICE, at, DUE, false));
    }

    @Test
    void answeredOnce() {
        fixture.given(RECEIVED_EVENT, new PetitionAnswered(ID, OFFICE, DUE, DUE, true))
                .when(new AnswerPetition(ID, local("2026-03-24T09:00")))
                .expectException(CommandRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void notAnsweredBeforeItWasReceived() {
        fixture.given(RECEIVED_EVENT)
                .when(new AnswerPetition(ID, local("2026-03-01T09:00")))
                .expectException(InvalidCommandException.class)
                .expectNoEvents();
    }

    @Test
    void ratedOnceAfterTheAnswer() {
        Instant at = local("2026-03-24T09:00");
        fixture.given(RECEIVED_EVENT, new PetitionAnswered(ID, OFFICE, DUE, DUE, true))
                .when(new RatePetition(ID, Rating.NEUTRAL, at))
                .expectEvents(new PetitionRated(ID, OFFICE, Rating.NEUTRAL, at));
        fixture.given(RECEIVED_EVENT, new PetitionAnswered(ID, OFFICE, DUE, DUE, true),
                        new PetitionRated(ID, OFFICE, Rating.NEUTRAL, at))
                .when(new RatePetition(ID, Rating.SATISFIED, at))
                .expectException(CommandRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void notRatedBeforeTheAnswer() {
        fixture.given(RECEIVED_EVENT)
                .when(new RatePetition(ID, Rating.SATISFIED, local("2026-03-04T09:00")))
                .expectException(CommandRefusedException.class)
                .expectNoEvents();
    }
}
