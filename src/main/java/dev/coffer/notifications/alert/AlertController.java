package dev.coffer.notifications.alert;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.Money;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Balance alerts on one's own accounts: {@code alert.triggered} on the stream (and a webhook for merchants). */
@RestController
@Tag(name = ApiTags.ACCOUNTS)
@Accepts(SESSION)
class AlertController {

    private final AlertService alerts;

    AlertController(AlertService alerts) {
        this.alerts = alerts;
    }

    record AlertRequest(@Nullable @Min(0) @Max(Money.MAX_AMOUNT_MINOR) Long below,
            @Nullable @Min(0) @Max(Money.MAX_AMOUNT_MINOR) Long above) {
    }

    record AlertView(String id, String accountId, @Nullable Long below, @Nullable Long above, Instant createdAt) {
        static AlertView of(BalanceAlert alert) {
            return new AlertView(alert.id(), alert.accountId(), alert.below(), alert.above(), alert.createdAt());
        }
    }

    record AlertList(List<AlertView> data) {
    }

    @Operation(operationId = "createAlert", summary = "Set a balance alert on one of the caller's accounts")
    @Refuses(status = 409, codes = "too_many_alerts")
    @Refuses(status = 422, codes = "invalid_alert")
    @PostMapping("/api/v1/accounts/{id}/alerts")
    @ResponseStatus(HttpStatus.CREATED)
    AlertView create(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("acc") String id,
            @Valid @RequestBody AlertRequest body) {
        return AlertView.of(alerts.create(principal.userId(), id, body.below(), body.above()));
    }

    @Operation(operationId = "listAlerts", summary = "An account's balance alerts")
    @GetMapping("/api/v1/accounts/{id}/alerts")
    AlertList list(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("acc") String id) {
        return new AlertList(alerts.list(principal.userId(), id).stream().map(AlertView::of).toList());
    }

    @Operation(operationId = "deleteAlert", summary = "Remove a balance alert")
    @DeleteMapping("/api/v1/accounts/{id}/alerts/{alertId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("acc") String id,
            @PathVariable @IdOf("alr") String alertId) {
        alerts.delete(principal.userId(), id, alertId);
    }
}
