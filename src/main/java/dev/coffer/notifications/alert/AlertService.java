package dev.coffer.notifications.alert;

import dev.coffer.ledger.Ledger;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.Ids;
import dev.coffer.platform.Money;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Setting, listing and removing one's balance alerts; only the account's owner sees or changes them. */
@Service
public class AlertService {

    private final AlertRepository alerts;
    private final Ledger ledger;
    private final Clock clock;

    AlertService(AlertRepository alerts, Ledger ledger, Clock clock) {
        this.alerts = alerts;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Sets an alert, armed for the balance as it is now (a balance already past a line fires when it next crosses). */
    @Transactional
    public BalanceAlert create(String userId, String accountId, Long below, Long above) {
        var balance = ledger.balance(accountId).filter(b -> userId.equals(b.ownerId()))
                .orElseThrow(() -> ApiException.notFound("Account"));
        if (below == null && above == null) {
            throw invalid("Give 'below', 'above' or both (minor units)");
        }
        for (var line : new Long[] {below, above}) {
            if (line != null && (line < 0 || !Money.isValidAmount(Math.max(line, 1)))) {
                throw invalid("Alert lines are between 0 and 10^15 minor units");
            }
        }
        if (below != null && above != null && below >= above) {
            throw invalid("'below' must be less than 'above'");
        }
        if (alerts.active(accountId).size() >= AlertRepository.MAX_PER_ACCOUNT) {
            throw new ApiException(HttpStatus.CONFLICT, "too_many_alerts",
                    "An account has at most " + AlertRepository.MAX_PER_ACCOUNT + " alerts; remove one first");
        }
        var alert = BalanceAlert.armedFor(Ids.newId("alr"), accountId, userId, below, above, balance.available(),
                clock.instant());
        alerts.insert(alert);
        return alert;
    }

    public List<BalanceAlert> list(String userId, String accountId) {
        owned(userId, accountId);
        return alerts.active(accountId);
    }

    public void delete(String userId, String accountId, String alertId) {
        owned(userId, accountId);
        if (!alerts.delete(accountId, alertId, clock.instant())) {
            throw ApiException.notFound("Alert");
        }
    }

    private void owned(String userId, String accountId) {
        ledger.account(accountId).filter(a -> userId.equals(a.ownerId()))
                .orElseThrow(() -> ApiException.notFound("Account"));
    }

    private static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_alert", detail);
    }
}
