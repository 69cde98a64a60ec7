package vn.motcua.workflow.dossier;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.axonframework.commandhandling.gateway.CommandGateway;
import vn.motcua.calendar.OfficeCalendars;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.workflow.dossier.Commands.IssueApologyLetter;
import vn.motcua.workflow.dossier.Commands.PayFee;
import vn.motcua.workflow.dossier.Commands.RateDossier;
import vn.motcua.workflow.dossier.Commands.ReceiveSupplement;
import vn.motcua.workflow.dossier.Commands.RequestSupplement;
import vn.motcua.workflow.dossier.Commands.ResolveDossier;
import vn.motcua.workflow.dossier.Commands.ReturnResult;
import vn.motcua.workflow.dossier.Commands.TransferDossier;
import vn.motcua.workflow.dossier.Commands.WithdrawDossier;

/**
 * The workflow's HTTP commands and the dossier read. Thin: fixes {@code at}, sends the command, answers with the
 * state the command produced (the projection is written in the command's transaction). Who may call them is
 * decided before they run ({@code access.AccessRules}); free text bound for a topic is checked here, before
 * anything is sent, so a refused request writes nothing.
 */
@RestController
@RequestMapping("/api/v1/dossiers")
public class DossierController {
    private final CommandGateway commands;
    private final DossierQueries queries;
    private final Clock clock;
    private final Duration clockSkew;
    private final OfficeCalendars calendars;

    public DossierController(CommandGateway commands, DossierQueries queries, Clock clock, OfficeCalendars calendars,
                             @Value("${motcua.workflow.max-clock-skew:PT5S}") Duration clockSkew) {
        this.calendars = calendars;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    @GetMapping("/{dossierId}")
    public DossierView get(@PathVariable String dossierId) {
        return queries.find(dossierId).orElseThrow(() -> new DossierNotFoundException(dossierId));
    }

    @PostMapping("/{dossierId}/transfers")
    public DossierView transfer(@PathVariable String dossierId, @Valid @RequestBody Requests.Transfer body) {
        requireKnown(dossierId);
        FreeText.require("note", body.note());
        commands.sendAndWait(new TransferDossier(dossierId, body.toUnit(), body.toOfficeId(), body.note(),
                at(body.at())));
        return get(dossierId);
    }

    @PostMapping("/{dossierId}/supplement-requests")
    public DossierView requestSupplement(@PathVariable String dossierId,
                                         @Valid @RequestBody Requests.SupplementRequest body) {
        requireKnown(dossierId);
        FreeText.require("reason", body.reason());
        commands.sendAndWait(new RequestSupplement(dossierId, body.reason(), at(body.at())));
        return get(dossierId);
    }

    @PostMapping("/{dossierId}/supplements")
    public DossierView receiveSupplement(@PathVariable String dossierId,
                                         @Valid @RequestBody(required = false) Requests.Supplement body) {
        requireKnown(dossierId);
        commands.sendAndWait(new ReceiveSupplement(dossierId, at(body == null ? null : body.at())));
        return get(dossierId);
    }

    @PostMapping("/{dossierId}/apology-letters")
    public ResponseEntity<DossierView> issueApologyLetter(@PathVariable String dossierId,
                                                          @Valid @RequestBody Requests.ApologyLetter body) {
        requireKnown(dossierId);
        FreeText.require("reason", body.reason());
        FreeText.require("responsibleUnit", body.responsibleUnit());
        vn.motcua.events.ApologyLetterIssued letter = commands.sendAndWait(new IssueApologyLetter(dossierId,
                body.reason(), body.newDueAt().toInstant(), body.responsibleUnit(), at(body.at())));
        return ResponseEntity.created(URI.create("/api/v1/dossiers/" + dossierId + "/apology-letters/"
                + letter.letterNumber())).body(get(dossierId));
    }

    // The letter itself (form 04, GET .../apology-letters/{n}) is printed by document.DocumentController.

    @PostMapping("/{dossierId}/resolution")
    public DossierView resolve(@PathVariable String dossierId, @Valid @RequestBody Requests.Resolution body) {
        requireKnown(dossierId);
        FreeText.require("reason", body.reason());
        commands.sendAndWait(new ResolveDossier(dossierId, body.outcome(), body.reason(), at(body.at())));
        return get(dossierId);
    }

    @PostMapping("/{dossierId}/return")
    public DossierView returnResult(@PathVariable String dossierId, @Valid @RequestBody Requests.Return body) {
        requireKnown(dossierId);
        commands.sendAndWait(new ReturnResult(dossierId, body.method(), at(body.at()),
                Boolean.TRUE.equals(body.electronicResult())));
        return get(dossierId);
    }

    /** A fee payment (FeePaid): refused (409) on a withdrawn or cancelled dossier. */
    @PostMapping("/{dossierId}/payments")
    public DossierView pay(@PathVariable String dossierId, @Valid @RequestBody Requests.Payment body) {
        requireKnown(dossierId);
        commands.sendAndWait(new PayFee(dossierId, amount(body.amount()), body.online(), at(body.at())));
        return get(dossierId);
    }

    /** The applicant's rating (DossierRated): after the result was returned, once (409 otherwise). */
    @PostMapping("/{dossierId}/ratings")
    public DossierView rate(@PathVariable String dossierId, @Valid @RequestBody Requests.Rating body) {
        requireKnown(dossierId);
        commands.sendAndWait(new RateDossier(dossierId, body.rating(), at(body.at())));
        return get(dossierId);
    }

    /** VND are whole: 1.5 or -1 is refused (422 on {@code amount}), never rounded. */
    private static long amount(java.math.BigDecimal amount) {
        try {
            long value = amount.longValueExact();
            if (value >= 0) {
                return value;
            }
        } catch (ArithmeticException e) {
            // not a whole number, or beyond a long: refused below
        }
        throw new InvalidCommandException("amount", "must be an integer amount of VND, 0 or more");
    }

    @PostMapping("/{dossierId}/withdrawal")
    public DossierView withdraw(@PathVariable String dossierId,
                                @Valid @RequestBody(required = false) Requests.Withdrawal body) {
        requireKnown(dossierId);
        FreeText.require("reason", body == null ? null : body.reason());
        commands.sendAndWait(new WithdrawDossier(dossierId, body == null ? null : body.reason(),
                at(body == null ? null : body.at())));
        return get(dossierId);
    }

    /** 404 before anything else: the read model is written with the events, so it knows every dossier. */
    private void requireKnown(String dossierId) {
        if (!queries.exists(dossierId)) {
            throw new DossierNotFoundException(dossierId);
        }
    }

    /** When the step happened: default now, never in the future (beyond a small clock skew). */
    private Instant at(OffsetDateTime at) {
        Instant now = clock.instant();
        if (at == null) {
            return now;
        }
        if (at.toInstant().isAfter(now.plus(clockSkew))) {
            throw new InvalidCommandException("at", "must not be in the future");
        }
        return at.toInstant();
    }
}
