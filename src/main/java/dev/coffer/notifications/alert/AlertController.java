package dev.coffer.notifications.alert;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.CofferPrincipal;
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
@Accepts(SESSION)
class AlertController {

    private final AlertService alerts;

    AlertController(AlertService alerts) {
        this.alerts = alerts;
    }

    record AlertRequest(@Min(0) @Max(1_000_000_000_000_000L) Long below,
            @Min(0) @Max(1_000_000_000_000_000L) Long above) {
    }

    record AlertView(String id, String accountId, Long below, Long above, Instant createdAt) {
        static AlertView of(BalanceAlert alert) {
            return new AlertView(alert.id(), alert.accountId(), alert.below(), alert.above(), alert.createdAt());
        }
    }

    record AlertList(List<AlertView> data) {
    }

    @PostMapping("/api/v1/accounts/{id}/alerts")
    @ResponseStatus(HttpStatus.CREATED)
    AlertView create(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @Valid @RequestBody AlertRequest body) {
        return AlertView.of(alerts.create(principal.userId(), id, body.below(), body.above()));
    }

    @GetMapping("/api/v1/accounts/{id}/alerts")
    AlertList list(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id) {
        return new AlertList(alerts.list(principal.userId(), id).stream().map(AlertView::of).toList());
    }

    @DeleteMapping("/api/v1/accounts/{id}/alerts/{alertId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable String id,
            @PathVariable String alertId) {
        alerts.delete(principal.userId(), id, alertId);
    }
}
