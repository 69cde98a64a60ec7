package vn.motcua.intake.kafka;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.KafkaEventPublisher;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.intake.dossier.DossierRecorded;
import vn.motcua.spring.axon.ContractRelay;

/**
 * Which of intake's events leave it, through the shared at-least-once {@link ContractRelay} (pooled streaming
 * processor {@code kafka-relay}; batching, acknowledgement and {@code ce_id} are explained there).
 *
 * <p>Personal data stays here: {@link DossierRecorded#toContract()} drops the applicant.
 */
@Component
@ProcessingGroup("kafka-relay")
class ContractEventRelay {
    static final String SOURCE = "/motcua/intake";

    private final ContractRelay relay;

    ContractEventRelay(KafkaEventPublisher publisher) {
        this.relay = new ContractRelay(publisher, SOURCE);
    }

    @EventHandler
    void on(OfficeRegistered event, @MessageIdentifier String eventId) {
        relay.relay(event, eventId);
    }

    @EventHandler
    void on(ProcedurePublished event, @MessageIdentifier String eventId) {
        relay.relay(event, eventId);
    }

    @EventHandler
    void on(DossierRecorded event, @MessageIdentifier String eventId) {
        relay.relay(event.toContract(), eventId);
    }

    /** A corrected receipt: the next revision of the contract's event, recorded as such in intake's store. */
    @EventHandler
    void on(DossierReceived event, @MessageIdentifier String eventId) {
        relay.relay(event, eventId);
    }

    @EventHandler
    void on(DossierCancelled event, @MessageIdentifier String eventId) {
        relay.relay(event, eventId);
    }
}
