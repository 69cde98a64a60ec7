package vn.motcua.workflow.dossier;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.events.Channel;
import vn.motcua.workflow.dossier.Commands.OpenDossier;

/**
 * Issue 14: the receipt's {@code externalRef} (the history import finds a dossier by it) and {@code lookupVerifier}
 * (the citizens' lookup checks the PIN against it) travel from OpenDossier into DossierOpened and DossierRevised.
 */
class DossierLookupFieldsTest {
    private static final String ID = "H49-260302-0009";
    private static final Instant RECEIVED = Instant.parse("2026-03-02T02:00:00Z");
    private static final Instant DUE = Instant.parse("2026-03-05T02:00:00Z");

    private FixtureConfiguration<Dossier> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Dossier.class);
        fixture.registerInjectableResource(WorkflowPolicy.decree61());
        fixture.registerInjectableResource(OfficeCalendars.national(WorkingCalendar.standard()));
    }

    private static OpenDossier open(int revision, String externalRef, String verifier) {
        return new OpenDossier(ID, "H49", "1.001612", new BigDecimal("3"), RECEIVED, DUE, "C-1", "Đất đai",
                Channel.IN_PERSON, 0, false, revision, externalRef, verifier);
    }

    @Test
    void theFirstReceiptKeepsItsReferenceAndVerifier() {
        fixture.givenNoPriorActivity()
                .when(open(0, "EXT-1", "pbkdf2-sha256$100$salt$hash"))
                .expectEvents(new DossierOpened(ID, "H49", "1.001612", new BigDecimal("3"), RECEIVED, DUE, "C-1",
                        "Đất đai", Channel.IN_PERSON, 0L, false, 0, "EXT-1", "pbkdf2-sha256$100$salt$hash"));
    }

    @Test
    void aCorrectedReceiptCarriesItsOwn() {
        fixture.given(new DossierOpened(ID, "H49", "1.001612", new BigDecimal("3"), RECEIVED, DUE, "C-1", "Đất đai",
                        Channel.IN_PERSON, 0L, false, 0, "EXT-1", "v0"))
                .when(open(1, "EXT-1", "v1"))
                .expectEvents(new DossierRevised(ID, "H49", 1, "C-1", "1.001612", "Đất đai", Channel.IN_PERSON,
                        new BigDecimal("3"), RECEIVED, DUE, DUE, 0, false, "EXT-1", "v1"));
    }

    @Test
    void eventsWithoutThemReadBackAsUnknown() {
        fixture.given(new DossierOpened(ID, "H49", "1.001612", new BigDecimal("3"), RECEIVED, DUE))
                .when(open(0, "EXT-1", "v0"))
                .expectNoEvents();
    }
}
