package dev.coffer.ledger.account;

import static dev.coffer.platform.CofferPrincipal.Kind.OAUTH;
import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.ledger.AccountView;
import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Opening and reading one's own accounts. */
@RestController
@Tag(name = ApiTags.ACCOUNTS)
@Accepts(SESSION)
class AccountController {

    private final AccountService accounts;
    private final BalanceHistory history;
    private final Clock clock;

    AccountController(AccountService accounts, BalanceHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
        this.accounts = accounts;
    }

    record OpenRequest(
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR") String currency,
            @NotBlank @Size(max = 100)
            String name) {
    }

    record AccountList(List<AccountView> data, @Nullable String nextCursor) {
    }

    @Operation(operationId = "openAccount", summary = "Open an account in a currency")
    @Refuses(status = 422, codes = {"unsupported_currency", "too_many_accounts"})
    @PostMapping("/api/v1/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView open(@AuthenticationPrincipal CofferPrincipal principal, @Valid @RequestBody OpenRequest body) {
        var currency = CurrencyCode.parse(body.currency()).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT, "unsupported_currency",
                "Unknown currency " + body.currency() + " (use an ISO 4217 code with minor units, such as EUR)"));
        return accounts.open(principal, currency, body.name().strip()).view();
    }

    @Operation(operationId = "listAccounts", summary = "The caller's accounts")
    @Accepts(value = {SESSION, OAUTH}, scopes = "accounts:read") // also apps the user consented to
    @GetMapping("/api/v1/accounts")
    AccountList list(@AuthenticationPrincipal CofferPrincipal principal) {
        return new AccountList(accounts.ownedBy(principal.userId()).stream().map(Account::view).toList(), null);
    }

    /** With {@code asOf}: the balances as they were at that instant (posted entries up to it, holds live then). */
    @Operation(operationId = "getAccount", summary = "An account with its balances (now, or as they were at asOf)")
    @Refuses(status = 400, codes = "invalid_parameter")
    @Accepts(value = {SESSION, OAUTH}, scopes = "accounts:read") // also apps the user consented to
    @GetMapping("/api/v1/accounts/{id}")
    AccountView get(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("acc") String id,
            @Parameter(description = "RFC 3339 instant, not in the future; without it: the current balances")
            @RequestParam(required = false) String asOf) {
        var at = asOf == null ? null : parseAsOf(asOf);
        var account = accounts.owned(principal.userId(), id);
        if (at == null) {
            return account.view();
        }
        var balances = history.at(account.id(), at);
        return new AccountView(account.id(), account.name(), account.currency().code(), account.kind().dbName(),
                account.status().dbName(),
                new AccountView.Balance(balances.ledger(), balances.available(), balances.pending()),
                account.createdAt());
    }

    private Instant parseAsOf(String asOf) {
        Instant at;
        try {
            at = OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException e) {
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
