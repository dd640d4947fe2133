package dev.coffer.reconciliation.api;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import dev.coffer.reconciliation.ImportResult;
import dev.coffer.reconciliation.Reconciliation;
import dev.coffer.reconciliation.Resolution;
import dev.coffer.reconciliation.StatementFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Reconciliation for admins (role admin, enforced by the security chain for /api/v1/admin/**). */
@RestController
@Tag(name = ApiTags.ADMIN)
@Accepts(SESSION)
class ReconciliationController {

    private static final MediaType CSV = MediaType.valueOf("text/csv");

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    record SettlementAccount(String id, String currency) {
    }

    record SettlementAccountList(List<SettlementAccount> data, @Nullable String nextCursor) {
    }

    record ImportView(String id, int lines, int matched, int unmatched) {
    }

    record ResolveRequest(
            @Nullable @IdOf("tr") String transferId,
            @Nullable Boolean adjust,
            @Nullable @Size(max = 200) String reference) {
    }

    @GetMapping("/api/v1/admin/settlement-accounts")
    @Operation(operationId = "listSettlementAccounts",
            summary = "The settlement accounts: the system accounts that mirror the real bank accounts")
    SettlementAccountList settlementAccounts() {
        return new SettlementAccountList(reconciliation.settlementAccounts().stream()
                .map(a -> new SettlementAccount(a.id(), a.currency().code())).toList(), null);
    }

    // No `consumes` on the mapping: a caller with the wrong credential must meet 403 before any 415, and the
    // credential check runs once a handler is chosen; the media type is checked first thing below instead.
    @PostMapping("/api/v1/admin/reconciliation/statements")
    @Operation(operationId = "importStatement", summary = "Import a bank statement (ISO 20022 camt.053.001.02 or CSV date,amount,currency,reference)",
            description = "Lines are matched to the settlement account's deposits (credit lines) and withdrawals "
                    + "(debit lines): by reference, else by amount and date within 2 days. Importing the same "
                    + "statement again (same camt Stmt/Id, or the same CSV bytes) changes nothing and answers the "
                    + "first import again: 201 with the same body and the header Idempotent-Replayed: true.")
    @ResponseStatus(HttpStatus.CREATED)
    @Refuses(status = 400, codes = {"invalid_statement", "invalid_parameter"})
    @Refuses(status = 404, codes = "not_found")
    @Refuses(status = 413, codes = "payload_too_large")
    @Refuses(status = 415, codes = "unsupported_media_type")
    @Refuses(status = 422, codes = {"currency_mismatch", "statement_too_large"})
    ResponseEntity<ImportView> importStatement(@AuthenticationPrincipal CofferPrincipal admin,
            @RequestParam(required = false) String accountId,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_XML_VALUE),
                    @Content(mediaType = MediaType.TEXT_XML_VALUE), @Content(mediaType = "text/csv")})
            @RequestBody byte[] body) {
        var format = format(contentType);
        ImportResult result = reconciliation.importStatement(admin.userId(), accountId, format, body);
        var response = ResponseEntity.status(HttpStatus.CREATED);
        if (result.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(new ImportView(result.id(), result.lines(), result.matched(), result.unmatched()));
    }

    @GetMapping("/api/v1/admin/reconciliation/exceptions")
    @Operation(operationId = "listReconciliationExceptions", summary = "The exception queue: unmatched statement lines and unmatched settlement-account entries",
            description = "Oldest first. amount is signed from the bank's view for both kinds (money that arrived "
                    + "at the bank is positive). ledger_entry items are the settlement account's entries within an "
                    + "imported statement's period (its first to last booking date) that no line matched.")
    @Refuses(status = 400, codes = {"invalid_parameter", "invalid_cursor"})
    Reconciliation.ExceptionPage exceptions(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String accountId) {
        return reconciliation.exceptions(limit, cursor, accountId);
    }

    @PostMapping("/api/v1/admin/reconciliation/exceptions/{id}/resolve")
    @Operation(operationId = "resolveReconciliationException", summary = "Resolve an exception: {transferId} links a statement line to a transfer of the same "
            + "amount; {adjust:true, reference} posts an adjusting entry against the currency's suspense account")
    @Refuses(status = 409, codes = {"already_resolved", "already_matched"})
    @Refuses(status = 422, codes = {"invalid_resolution", "amount_mismatch"})
    Resolution.Resolved resolve(@AuthenticationPrincipal CofferPrincipal admin,
            @PathVariable @IdOf({"rsl", "rse"}) String id,
            @jakarta.validation.Valid @RequestBody ResolveRequest body) {
        return reconciliation.resolve(admin.userId(), id, resolution(body));
    }

    private static StatementFormat format(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            type = null;
        }
        if (type != null && type.isCompatibleWith(CSV)) {
            return StatementFormat.CSV;
        }
        if (type != null && (type.isCompatibleWith(MediaType.APPLICATION_XML)
                || type.isCompatibleWith(MediaType.TEXT_XML))) {
            return StatementFormat.CAMT053;
        }
        throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "Send a camt.053 statement as application/xml or a CSV statement as text/csv");
    }

    private static Resolution resolution(ResolveRequest body) {
        boolean link = body.transferId() != null && !body.transferId().isBlank();
        boolean adjust = Boolean.TRUE.equals(body.adjust());
        if (link == adjust) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_resolution",
                    "Send either {transferId} or {adjust: true, reference}");
        }
        if (link) {
            return new Resolution.Link(body.transferId().strip());
        }
        if (body.reference() == null || body.reference().isBlank()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_resolution",
                    "An adjustment needs a reference saying why");
        }
        return new Resolution.Adjust(body.reference().strip());
    }
}
