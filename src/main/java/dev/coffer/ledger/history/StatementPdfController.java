package dev.coffer.ledger.history;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.ledger.account.AccountService;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An account's statement as PDF, for its owner only (404 for anyone else, as for the CSV). */
@RestController
@Tag(name = ApiTags.ACCOUNTS)
@Accepts(SESSION)
class StatementPdfController {

    private final AccountService accounts;
    private final StatementPdfWriter pdf;

    StatementPdfController(AccountService accounts, StatementPdfWriter pdf) {
        this.accounts = accounts;
        this.pdf = pdf;
    }

    @ApiResponse(responseCode = "200", description = "The statement", content = @Content(
            mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @Refuses(status = 400, codes = {"invalid_parameter", "invalid_range"})
    @GetMapping("/api/v1/accounts/{id}/statement.pdf")
    @Operation(operationId = "getStatementPdf", summary = "The statement as PDF: holder, account, period, opening balance, every entry, closing "
            + "balance and totals; from/to as for statement.csv")
    void statement(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("acc") String id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            HttpServletResponse response) throws IOException {
        pdf.download(accounts.owned(principal.userId(), id), from, to, response);
    }
}
