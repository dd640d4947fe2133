package dev.coffer.notifications.alert;

import dev.coffer.ledger.AccountBalance;
import dev.coffer.ledger.LedgerChanges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Finds the alert crossings of one ledger transaction: every available balance each account passed through, in
 * order, walked past its alerts. Runs inside that transaction, where the accounts are locked: transactions on one
 * account are judged one after another, so no crossing is missed and none counted twice, however many race.
 */
@Component
public class AlertWatcher {

    private final AlertRepository alerts;

    AlertWatcher(AlertRepository alerts) {
        this.alerts = alerts;
    }

    public List<BalanceAlert.Crossing> crossings(LedgerChanges changes) {
        var path = new LinkedHashMap<String, List<Long>>();
        for (AccountBalance balance : changes.balances()) {
            if (balance.ownerId() != null) {
                path.computeIfAbsent(balance.accountId(), id -> new ArrayList<>()).add(balance.available());
            }
        }
        if (path.isEmpty()) {
            return List.of();
        }
        var crossings = new ArrayList<BalanceAlert.Crossing>();
        for (var alert : alerts.lockActive(path.keySet())) {
            var walk = alert.walk(path.get(alert.accountId()));
            crossings.addAll(walk.crossings());
            if (!walk.after().equals(alert)) {
                alerts.updateArming(walk.after());
            }
        }
        return crossings;
    }
}
