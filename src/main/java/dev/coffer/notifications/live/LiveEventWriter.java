package dev.coffer.notifications.live;

import dev.coffer.identity.Users;
import dev.coffer.ledger.AccountKind;
import dev.coffer.ledger.LedgerChanges;
import dev.coffer.ledger.LedgerEvent;
import dev.coffer.notifications.alert.AlertWatcher;
import dev.coffer.notifications.alert.BalanceAlert;
import dev.coffer.notifications.mail.EmailKind;
import dev.coffer.notifications.mail.EmailQueue;
import dev.coffer.notifications.stream.StreamHub;
import dev.coffer.notifications.stream.UserEventRepository;
import dev.coffer.notifications.stream.UserEventRepository.NewEvent;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Ids;
import dev.coffer.platform.MerchantEvent;
import dev.coffer.platform.Money;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes people's live events into the user event outbox, in the ledger transaction itself (a synchronous
 * listener), all of one transaction in one statement: {@code balance.updated} once per changed account with its
 * final balances, {@code transfer.received} to whoever money arrived for, {@code alert.triggered} for each alert
 * crossing (and, for a merchant's account, the webhook {@code balance.threshold_crossed}). An event exists exactly
 * when its change committed.
 */
@Component
class LiveEventWriter {

    static final String BANK_NAME = "Coffer";

    private final UserEventRepository events;
    private final AlertWatcher alerts;
    private final Users users;
    private final StreamHub hub;
    private final EmailQueue mail;
    private final ApplicationEventPublisher publisher;
    private final JsonMapper json;
    private final Clock clock;

    LiveEventWriter(UserEventRepository events, AlertWatcher alerts, Users users, StreamHub hub, EmailQueue mail,
            ApplicationEventPublisher publisher, JsonMapper json, Clock clock) {
        this.mail = mail;
        this.events = events;
        this.alerts = alerts;
        this.users = users;
        this.hub = hub;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    record BalanceUpdated(String accountId, String currency, long ledger, long pending, long available) {
    }

    record Party(String accountId, String name) {
    }

    record TransferReceived(String transferId, String kind, String accountId, long amount, String currency,
            Party from, String description, Instant createdAt) {
    }

    record AlertTriggered(String alertId, String accountId, String direction, long threshold, long available,
            String currency, Instant createdAt) {
    }

    /** The webhook a merchant gets when one of its accounts crosses an alert line. */
    record ThresholdCrossed(String merchantId, AlertTriggered payload) implements MerchantEvent {
        public String eventType() { return "balance.threshold_crossed"; }
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(LedgerChanges changes) {
        var now = clock.instant();
        var batch = new ArrayList<NewEvent>();
        for (var balance : changes.finalBalances()) {
            if (balance.ownerId() != null) {
                batch.add(event(balance.ownerId(), "balance.updated", new BalanceUpdated(balance.accountId(),
                        balance.currency(), balance.ledger(), balance.pending(), balance.available())));
            }
        }
        transfersReceived(changes, now, batch);
        alertsTriggered(changes, now, batch);
        events.insertAll(batch, now);
        if (!batch.isEmpty()) {
            wakeStreamsAfterCommit();
        }
    }

    private void transfersReceived(LedgerChanges changes, Instant now, List<NewEvent> batch) {
        var owners = new HashMap<String, String>();
        changes.balances().forEach(b -> owners.put(b.accountId(), b.ownerId()));
        var received = changes.events().stream()
                .filter(e -> e instanceof LedgerEvent.TransferPosted posted && owners.get(posted.toAccountId()) != null)
                .map(LedgerEvent.TransferPosted.class::cast).toList();
        var senders = new HashSet<String>();
        received.forEach(posted -> senders.add(owners.get(posted.fromAccountId())));
        senders.remove(null);
        Map<String, String> names = senders.isEmpty() ? Map.of() : users.displayNames(senders);
        for (var posted : received) {
            var sender = owners.get(posted.fromAccountId());
            var name = sender == null ? BANK_NAME : Objects.requireNonNullElse(names.get(sender), "Someone");
            batch.add(event(owners.get(posted.toAccountId()), "transfer.received", new TransferReceived(
                    posted.transferId(), posted.kind().dbName(), posted.toAccountId(), posted.amount(),
                    posted.currency(), new Party(posted.fromAccountId(), name), posted.description(), now)));
        }
    }

    private void alertsTriggered(LedgerChanges changes, Instant now, List<NewEvent> batch) {
        var accounts = new HashMap<String, dev.coffer.ledger.AccountBalance>();
        changes.balances().forEach(b -> accounts.put(b.accountId(), b));
        for (var crossing : alerts.crossings(changes)) {
            var account = accounts.get(crossing.alert().accountId());
            var triggered = new AlertTriggered(crossing.alert().id(), account.accountId(),
                    crossing.direction() == BalanceAlert.Direction.BELOW ? "below" : "above", crossing.threshold(),
                    crossing.available(), account.currency(), now);
            batch.add(event(crossing.alert().userId(), "alert.triggered", triggered));
            mail.queue(crossing.alert().userId(), EmailKind.ALERT, alertMail(triggered));
            if (account.kind() == AccountKind.MERCHANT) {
                publisher.publishEvent(new ThresholdCrossed(account.ownerId(), triggered));
            }
        }
    }

    private static EmailQueue.Message alertMail(AlertTriggered alert) {
        var amount = Money.of(alert.available(), CurrencyCode.of(alert.currency())).toMajor().toPlainString();
        var line = Money.of(alert.threshold(), CurrencyCode.of(alert.currency())).toMajor().toPlainString();
        var went = "below".equals(alert.direction()) ? "went under" : "went over";
        return new EmailQueue.Message("Balance alert: " + amount + " " + alert.currency(), List.of("The available "
                + "balance of account " + alert.accountId() + " " + went + " " + line + " " + alert.currency()
                + ": it is " + amount + " " + alert.currency() + " now."), "See the account",
                "/accounts/" + alert.accountId());
    }

    private NewEvent event(String userId, String type, Object payload) {
        return new NewEvent(Ids.newId("uevt"), userId, type, json.writeValueAsString(payload));
    }

    private void wakeStreamsAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    hub.wakeUp();
                }
            });
        }
    }
}
