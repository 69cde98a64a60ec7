package vn.motcua.workflow.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.workflow.dossier.DossierTest.local;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.events.Channel;
import vn.motcua.events.SupplementReceived;
import vn.motcua.events.SupplementRequested;
import vn.motcua.workflow.dossier.Commands.ReceiveSupplement;

/**
 * Replaying a dossier's events only copies what they carry (issue 15): no calendar, policy or clock is asked, so a
 * stored stream rebuilds the same state whatever the calendars say today. The events kept their shape, so streams
 * stored before this change are the streams these tests give.
 */
class DossierReplayTest {
    private static final String ID = "H49-260302-0001";
    private static final String OFFICE = "H49";
    private static final Instant RECEIVED = local("2026-03-02T09:00");
    private static final Instant DUE = local("2026-03-05T09:00");

    @Test
    void everySourcingHandlerTakesTheEventAlone() {
        List<Method> handlers = Arrays.stream(Dossier.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(EventSourcingHandler.class))
                .toList();
        assertThat(handlers).hasSizeGreaterThanOrEqualTo(12);
        assertThat(handlers).allSatisfy(m -> assertThat(m.getParameterCount())
                .as("%s takes nothing but its event", m).isEqualTo(1));
    }

    /**
     * Without the restart policy, the time left at the stop is counted by the command that receives the supplement,
     * from the request to the due date in force then (here moved by a correction while the clock was stopped).
     */
    @Test
    void theTimeLeftAtTheStopIsCountedWhenTheSupplementArrives() {
        FixtureConfiguration<Dossier> fixture = new AggregateTestFixture<>(Dossier.class);
        fixture.registerInjectableResource(new WorkflowPolicy(false, 3, 1, 1, 1, 1));
        fixture.registerInjectableResource(OfficeCalendars.national(WorkingCalendar.standard()));
        // Stopped Tuesday 3 March 09:00; the correction (a 5-day procedure) moves the due date to Monday 9 March
        // 09:00: 4 working days left. Supplied Tuesday 10 March 14:00: due Monday 16 March 14:00.
        Instant corrected = local("2026-03-09T09:00");
        Instant supplied = local("2026-03-10T14:00");
        fixture.given(new DossierOpened(ID, OFFICE, "1.001612", new BigDecimal("3"), RECEIVED, DUE),
                        new SupplementRequested(ID, OFFICE, "missing map", local("2026-03-03T09:00")),
                        new DossierRevised(ID, OFFICE, 1, ID, "1.002000", "Xây dựng", Channel.ONLINE,
                                new BigDecimal("5"), RECEIVED, corrected, corrected, 120_000, false))
                .when(new ReceiveSupplement(ID, supplied))
                .expectEvents(new SupplementReceived(ID, OFFICE, supplied, local("2026-03-16T14:00")));
    }
}
