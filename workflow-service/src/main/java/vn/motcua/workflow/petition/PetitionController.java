package vn.motcua.workflow.petition;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.access.FreeTextGuard;
import vn.motcua.events.Rating;
import vn.motcua.spring.security.OfficeScopedBody;
import vn.motcua.workflow.dossier.InvalidCommandException;
import vn.motcua.workflow.petition.PetitionCommands.AnswerPetition;
import vn.motcua.workflow.petition.PetitionCommands.RatePetition;
import vn.motcua.workflow.petition.PetitionCommands.ReceivePetition;
import vn.motcua.workflow.web.InvalidParameterException;

/**
 * Petitions over HTTP (CONTRACT.md 1.1): receive, answer, rate, read, and the officers' list of overdue ones.
 * Thin like the dossier controller: fixes the times, checks the free text bound for the topic, sends the command,
 * answers from the read model written in the command's transaction.
 */
@RestController
public class PetitionController {
    private static final int WORKLIST_LIMIT = 1000;

    private final CommandGateway commands;
    private final PetitionQueries queries;
    private final Clock clock;
    private final Duration clockSkew;

    public PetitionController(CommandGateway commands, PetitionQueries queries, Clock clock,
                              @Value("${motcua.workflow.max-clock-skew:PT5S}") Duration clockSkew) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    /** The office comes in the body: checked against the caller's scope before this runs (OfficeScopedBody). */
    public record NewPetition(@NotBlank @Size(max = 64) String officeId, @NotBlank @Size(max = 255) String category,
                              OffsetDateTime receivedAt) implements OfficeScopedBody {
    }

    public record Answer(OffsetDateTime at) {
    }

    public record Rate(@NotNull Rating rating, OffsetDateTime at) {
    }

    public record Received(String petitionId, Instant dueAt) {
    }

    @PostMapping("/api/v1/petitions")
    public ResponseEntity<Received> receive(@Valid @RequestBody NewPetition body) {
        // The category goes onto motcua.petition.v1: no ID-card or phone number in it.
        if (FreeTextGuard.containsPersonalNumber(body.category())) {
            throw new InvalidCommandException("category",
                    "must not contain an ID-card or phone number: it is published to other services");
        }
        String petitionId = UUID.randomUUID().toString();
        commands.sendAndWait(new ReceivePetition(petitionId, body.officeId(), body.category(),
                at(body.receivedAt(), "receivedAt")));
        PetitionView view = get(petitionId);
        return ResponseEntity.created(URI.create("/api/v1/petitions/" + petitionId))
                .body(new Received(petitionId, view.dueAt()));
    }

    @GetMapping("/api/v1/petitions/{petitionId}")
    public PetitionView get(@PathVariable String petitionId) {
        return queries.find(petitionId).orElseThrow(() -> new PetitionNotFoundException(petitionId));
    }

    @PostMapping("/api/v1/petitions/{petitionId}/answer")
    public PetitionView answer(@PathVariable String petitionId,
                               @Valid @RequestBody(required = false) Answer body) {
        get(petitionId);
        commands.sendAndWait(new AnswerPetition(petitionId, at(body == null ? null : body.at(), "at")));
        return get(petitionId);
    }

    @PostMapping("/api/v1/petitions/{petitionId}/rating")
    public PetitionView rate(@PathVariable String petitionId, @Valid @RequestBody Rate body) {
        get(petitionId);
        commands.sendAndWait(new RatePetition(petitionId, body.rating(), at(body.at(), "at")));
        return get(petitionId);
    }

    /** {@code kind=overdue}: unanswered petitions past their due instant, by due date. */
    @GetMapping("/api/v1/worklists/{officeId}/petitions")
    public Worklist worklist(@PathVariable String officeId, @RequestParam(required = false) String kind) {
        if (!"overdue".equals(kind)) {
            throw new InvalidParameterException("kind", "must be overdue");
        }
        Instant now = clock.instant();
        List<PetitionView> rows = queries.overdue(officeId, now, WORKLIST_LIMIT + 1);
        boolean truncated = rows.size() > WORKLIST_LIMIT;
        return new Worklist(officeId, kind, now, truncated, truncated ? rows.subList(0, WORKLIST_LIMIT) : rows);
    }

    public record Worklist(String officeId, String kind, Instant asOf, boolean truncated,
                           List<PetitionView> petitions) {
    }

    /** When it happened: default now, never in the future (beyond a small clock skew). */
    private Instant at(OffsetDateTime at, String field) {
        Instant now = clock.instant();
        if (at == null) {
            return now;
        }
        if (at.toInstant().isAfter(now.plus(clockSkew))) {
            throw new InvalidCommandException(field, "must not be in the future");
        }
        return at.toInstant();
    }
}
