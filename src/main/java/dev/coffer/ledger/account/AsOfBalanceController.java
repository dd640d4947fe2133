package dev.coffer.ledger.account;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/accounts/{id}?asOf=<RFC 3339>}: the account with its balances as they were at that instant
 * (posted entries up to it, holds live then), for its owner only. Without {@code asOf} the request goes to
 * {@link AccountController} (the current balances).
 */
@RestController
@Accepts(SESSION)
class AsOfBalanceController {

    private final AccountService accounts;
    private final BalanceHistory history;
    private final Clock clock;

    AsOfBalanceController(AccountService accounts, BalanceHistory history, Clock clock) {
        this.accounts = accounts;
        this.history = history;
        this.clock = clock;
    }

    /** The account as {@link AccountView} shows it, with the balances at {@code asOf}. */
    record AccountAsOf(String id, String name, String currency, String kind, String status,
            AccountView.Balance balance, Instant createdAt, Instant asOf) {
    }

    @GetMapping(path = "/api/v1/accounts/{id}", params = "asOf")
    @Operation(summary = "An account with its balances as they were at asOf (RFC 3339; not in the future)")
    AccountAsOf get(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @Parameter(description = "RFC 3339 instant, not in the future; without it: the current balances")
            @RequestParam(required = false) String asOf) {
        var at = parse(asOf);
        var account = accounts.owned(principal.userId(), id);
        var balances = history.at(account.id(), at);
        return new AccountAsOf(account.id(), account.name(), account.currency().code(), account.kind().dbName(),
                account.status().dbName(),
                new AccountView.Balance(balances.ledger(), balances.available(), balances.pending()),
                account.createdAt(), at);
    }

    private Instant parse(String asOf) {
        Instant at;
        try {
            at = OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter",
                    "'asOf' must be an RFC 3339 time such as 2026-11-24T10:00:00Z");
        }
        if (at.isAfter(clock.instant())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter",
                    "'asOf' must not be in the future: balances are known up to now");
        }
        return at;
    }
}
