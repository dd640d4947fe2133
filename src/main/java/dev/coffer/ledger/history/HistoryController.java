package dev.coffer.ledger.history;

import static dev.coffer.platform.CofferPrincipal.Kind.OAUTH;
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

/** An account's transactions (paged JSON) and statement (CSV), for its owner only. */
@RestController
@Tag(name = ApiTags.ACCOUNTS)
@Accepts(SESSION)
class HistoryController {

    private final HistoryService history;
    private final AccountService accounts;
    private final StatementWriter statements;

    HistoryController(HistoryService history, AccountService accounts, StatementWriter statements) {
        this.history = history;
        this.accounts = accounts;
        this.statements = statements;
    }

    @Operation(operationId = "listTransactions", summary = "An account's transactions, newest first")
    @Refuses(status = 400, codes = {"invalid_cursor", "invalid_parameter", "invalid_range"})
    @Accepts(value = {SESSION, OAUTH}, scopes = "accounts:read") // also apps the user consented to
    @GetMapping("/api/v1/accounts/{id}/transactions")
    HistoryService.Page transactions(@AuthenticationPrincipal CofferPrincipal principal,
            @PathVariable @IdOf("acc") String id,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return history.page(principal.userId(), id, limit, cursor, from, to);
    }

    @Operation(operationId = "downloadStatement", summary = "An account's statement as CSV")
    @ApiResponse(responseCode = "200", description = "The statement", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string")))
    @Refuses(status = 400, codes = {"invalid_parameter", "invalid_range"})
    @GetMapping("/api/v1/accounts/{id}/statement.csv")
    void statement(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("acc") String id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            HttpServletResponse response) throws IOException {
        statements.download(accounts.owned(principal.userId(), id), from, to, response);
    }
}
