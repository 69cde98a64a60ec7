package vn.motcua.intake.catalogue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OnlineMode;
import vn.motcua.intake.infra.InputRejectedException;
import vn.motcua.intake.catalogue.CatalogueQueries.OfficeView;
import vn.motcua.intake.catalogue.CatalogueQueries.ProcedureView;

/** The catalogue API: offices and procedures, create-or-update by PUT (201 when new, 200 when changed). */
@RestController
@RequestMapping("/api/v1")
class CatalogueController {
    private final CatalogueService service;
    private final CatalogueQueries queries;
    private final CatalogueImport catalogueImport;

    CatalogueController(CatalogueService service, CatalogueQueries queries, CatalogueImport catalogueImport) {
        this.service = service;
        this.queries = queries;
        this.catalogueImport = catalogueImport;
    }

    record OfficeRequest(@NotBlank @Size(max = 500) String name, @NotNull OfficeLevel level,
                         @Size(max = 64) String parentId) {
    }

    record ProcedureRequest(@NotBlank @Size(max = 1000) String name, @NotBlank @Size(max = 200) String field,
                            @NotNull BigDecimal processingDays, @NotNull OnlineMode onlineMode,
                            @NotNull Boolean postal, BigDecimal fee, Boolean onlinePayment,
                            LocalDate decidedAt, LocalDate effectiveAt, LocalDate publishedAt,
                            Boolean contentComplete) {
        /** Fee defaults to 0 and online payment to false (contract); the dates and completeness stay unknown. */
        ProcedureFacts facts() {
            return new ProcedureFacts(CatalogueController.fee(fee), Boolean.TRUE.equals(onlinePayment), decidedAt,
                    effectiveAt, publishedAt, contentComplete);
        }
    }

    /** VND: a whole number, 0 or more (a JSON 1.5 is refused, not rounded). */
    static long fee(BigDecimal fee) {
        if (fee == null) {
            return 0;
        }
        try {
            long value = fee.longValueExact();
            if (value >= 0) {
                return value;
            }
        } catch (ArithmeticException e) {
            // not whole, or too large: refused below
        }
        throw InputRejectedException.badRequest("fee", "must be a whole number of VND, 0 or more");
    }

    @PutMapping("/offices/{officeId}")
    ResponseEntity<OfficeView> putOffice(@PathVariable String officeId, @Valid @RequestBody OfficeRequest body) {
        boolean created = service.registerOffice(officeId, body.name(), body.level(), body.parentId());
        OfficeView view = new OfficeView(officeId, body.name(), body.level(),
                body.parentId() == null || body.parentId().isBlank() ? null : body.parentId());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view);
    }

    @PutMapping("/procedures/{code}")
    ResponseEntity<ProcedureView> putProcedure(@PathVariable String code,
                                               @Valid @RequestBody ProcedureRequest body) {
        ProcedureFacts facts = body.facts();
        boolean created = service.publishProcedure(code, body.name(), body.field(), body.processingDays(),
                body.onlineMode(), body.postal(), facts);
        ProcedureView view = new ProcedureView(code, body.name(), body.field(),
                ProcessingDays.normalize(body.processingDays()), body.onlineMode(), body.postal(), facts.fee(),
                facts.onlinePayment(), facts.decidedOn(), facts.effectiveOn(), facts.madePublicOn(),
                facts.contentComplete());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view);
    }

    /** Bulk load of a whole catalogue (JSON {offices, procedures}); entries already equal record nothing. */
    @PostMapping("/imports/catalogue")
    CatalogueImport.Summary importCatalogue(@RequestBody CatalogueImport.CatalogueDocument document) {
        return catalogueImport.load(document);
    }

    @GetMapping("/offices")
    List<OfficeView> offices() {
        return queries.offices();
    }

    @GetMapping("/procedures")
    List<ProcedureView> procedures() {
        return queries.procedures();
    }
}
