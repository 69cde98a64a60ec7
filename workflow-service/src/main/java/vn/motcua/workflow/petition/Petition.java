package vn.motcua.workflow.petition;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.events.PetitionAnswered;
import vn.motcua.events.PetitionRated;
import vn.motcua.events.PetitionReceived;
import vn.motcua.workflow.dossier.CommandRefusedException;
import vn.motcua.workflow.dossier.InvalidCommandException;
import vn.motcua.workflow.petition.PetitionCommands.AnswerPetition;
import vn.motcua.workflow.petition.PetitionCommands.RatePetition;
import vn.motcua.workflow.petition.PetitionCommands.ReceivePetition;

/**
 * A petition (phản ánh, kiến nghị) about an office: received, due {@link PetitionPolicy#answerDays()} working days
 * later on the office's calendar, answered once (on time if at or before the due instant), rated once after the
 * answer. Its events are the contract records, published to {@code motcua.petition.v1} as they are. It holds no
 * petitioner identity.
 */
@Aggregate
public class Petition {
    @AggregateIdentifier
    private String petitionId;
    private String officeId;
    private Instant receivedAt;
    private Instant dueAt;
    private Instant answeredAt;
    private boolean rated;

    protected Petition() {
        // Axon rebuilds the petition from its events.
    }

    @CommandHandler
    public Petition(ReceivePetition command, PetitionPolicy policy, OfficeCalendars calendars) {
        Instant due = calendars.forOffice(command.officeId())
                .addWorkingDays(command.receivedAt(), BigDecimal.valueOf(policy.answerDays()));
        apply(new PetitionReceived(command.petitionId(), command.officeId(), command.category(),
                command.receivedAt(), due));
    }

    @CommandHandler
    public PetitionAnswered handle(AnswerPetition command) {
        if (answeredAt != null) {
            throw new CommandRefusedException("petition " + petitionId + " was already answered at " + answeredAt);
        }
        requireNotBefore(command.at(), receivedAt, "the petition's receipt");
        PetitionAnswered answered = new PetitionAnswered(petitionId, officeId, command.at(), dueAt,
                !command.at().isAfter(dueAt));
        apply(answered);
        return answered;
    }

    @CommandHandler
    public void handle(RatePetition command) {
        if (answeredAt == null) {
            throw new CommandRefusedException("petition " + petitionId + " is not answered yet: it is rated after"
                    + " the answer");
        }
        if (rated) {
            throw new CommandRefusedException("petition " + petitionId + " is already rated: a petition is rated"
                    + " once");
        }
        if (command.rating() == null) {
            throw new InvalidCommandException("rating", "must be SATISFIED, NEUTRAL or DISSATISFIED");
        }
        requireNotBefore(command.at(), answeredAt, "the answer");
        apply(new PetitionRated(petitionId, officeId, command.rating(), command.at()));
    }

    private static void requireNotBefore(Instant at, Instant previous, String what) {
        if (at == null) {
            throw new InvalidCommandException("at", "the time of the step is required");
        }
        if (at.isBefore(previous)) {
            throw new InvalidCommandException("at", "must not be before " + what + " (" + previous + ")");
        }
    }

    @EventSourcingHandler
    void on(PetitionReceived event) {
        petitionId = event.petitionId();
        officeId = event.officeId();
        receivedAt = event.receivedAt();
        dueAt = event.dueAt();
    }

    @EventSourcingHandler
    void on(PetitionAnswered event) {
        answeredAt = event.answeredAt();
    }

    @EventSourcingHandler
    void on(PetitionRated event) {
        rated = true;
    }
}
