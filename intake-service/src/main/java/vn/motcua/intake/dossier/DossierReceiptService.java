package vn.motcua.intake.dossier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.motcua.events.Channel;
import vn.motcua.events.OnlineMode;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.intake.catalogue.CatalogueQueries;
import vn.motcua.intake.catalogue.CatalogueQueries.ProcedureView;
import vn.motcua.intake.catalogue.CatalogueService;
import vn.motcua.intake.dossier.DossierQueries.ReceiptView;
import vn.motcua.intake.infra.InputRejectedException;

/**
 * Receipt of a dossier (DOMAIN.md lifecycle step 1): checks it against the catalogue, fixes its code and due date,
 * and records it. The idempotency claim, the daily sequence number, the event and the intake record are written in
 * ONE transaction, so a failed receipt leaves nothing behind and gives its sequence number back.
 */
@Service
public class DossierReceiptService {
    private static final DateTimeFormatter CODE_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    private final CommandGateway commands;
    private final CatalogueQueries catalogue;
    private final DossierQueries dossiers;
    private final OfficeCalendars calendars;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration clockSkew;
    private final MeterRegistry meters;

    DossierReceiptService(CommandGateway commands, CatalogueQueries catalogue, DossierQueries dossiers,
                          OfficeCalendars calendars, TransactionTemplate transaction, Clock clock,
                          @Value("${motcua.intake.clock-skew:30s}") Duration clockSkew, MeterRegistry meters) {
        this.commands = commands;
        this.catalogue = catalogue;
        this.dossiers = dossiers;
        this.calendars = calendars;
        this.transaction = transaction;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.meters = meters;
    }

    /** A dossier as handed in at the desk, by the portal or by the post. */
    public record Submission(String officeId, String procedureCode, Channel channel, Instant receivedAt,
                             Applicant applicant, List<SubmittedDocument> documents, String externalRef,
                             String idempotencyKey) {
    }

    /** {@code created} is false when the submission repeats an earlier one (same key or external reference). */
    public record Outcome(boolean created, ReceiptView receipt) {
    }

    public Outcome receive(Submission s) {
        Instant now = clock.instant();
        Instant receivedAt = (s.receivedAt() == null ? now : s.receivedAt()).truncatedTo(ChronoUnit.MILLIS);
        if (receivedAt.isAfter(now.plus(clockSkew))) {
            throw InputRejectedException.badRequest("receivedAt", "must not be in the future");
        }
        boolean idempotent = s.idempotencyKey() != null || s.externalRef() != null;
        if (idempotent) {
            var earlier = repeatOf(s);
            if (earlier != null) {
                return earlier;
            }
        }
        if (!CatalogueService.OFFICE_ID.matcher(s.officeId()).matches() || catalogue.office(s.officeId()).isEmpty()) {
            throw InputRejectedException.unprocessable("officeId", "unknown office " + s.officeId());
        }
        ProcedureView procedure = catalogue.procedure(s.procedureCode()).orElseThrow(() ->
                InputRejectedException.unprocessable("procedureCode", "unknown procedure " + s.procedureCode()));
        if (s.channel() == Channel.POSTAL && !procedure.postal()) {
            throw InputRejectedException.unprocessable("channel",
                    "procedure " + procedure.code() + " is not offered through the postal service");
        }
        WorkingCalendar calendar = calendars.forOffice(s.officeId());
        Instant dueAt = calendar.addWorkingDays(receivedAt, procedure.processingDays());
        String dossierId = UUID.randomUUID().toString();
        LocalDate day = receivedAt.atZone(calendar.zone()).toLocalDate();

        Outcome outcome = transaction.execute(status -> {
            if (idempotent && !dossiers.claim(dossierId, s.idempotencyKey(), s.officeId(), s.externalRef())) {
                // A racing twin committed first: answer with its dossier, write nothing.
                status.setRollbackOnly();
                Outcome earlier = repeatOf(s);
                if (earlier == null) {
                    throw new IllegalStateException("idempotency claim held but no dossier found");
                }
                return earlier;
            }
            String code = s.officeId() + "-" + CODE_DATE.format(day) + "-"
                    + String.format("%04d", dossiers.nextSequence(s.officeId(), day));
            commands.sendAndWait(new ReceiveDossier(dossierId, code, s.officeId(), procedure.code(),
                    procedure.field(), s.channel(), procedure.onlineMode() != OnlineMode.NONE,
                    procedure.processingDays(), receivedAt, dueAt, s.applicant(),
                    s.documents() == null ? List.of() : s.documents(), s.externalRef(), now));
            return new Outcome(true, new ReceiptView(dossierId, code, s.officeId(), procedure.code(), s.channel(),
                    receivedAt.atZone(calendar.zone()).toOffsetDateTime(),
                    dueAt.atZone(calendar.zone()).toOffsetDateTime()));
        });
        if (outcome.created()) {
            // motcua_intake_dossiers_received_total{channel}: receipts per channel, for the dashboards
            meters.counter("motcua.intake.dossiers.received", "channel", s.channel().name()).increment();
        }
        return outcome;
    }

    private Outcome repeatOf(Submission s) {
        return dossiers.claimedDossier(s.idempotencyKey(), s.officeId(), s.externalRef())
                .flatMap(dossiers::dossier)
                .map(d -> new Outcome(false, d.receipt()))
                .orElse(null);
    }
}
