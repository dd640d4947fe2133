package dev.coffer.notifications.mail;

import dev.coffer.billing.StandingOrderRunRefused;
import dev.coffer.identity.IdentityEvent;
import dev.coffer.ledger.LedgerChanges;
import dev.coffer.ledger.LedgerEvent;
import dev.coffer.notifications.NotificationProperties;
import dev.coffer.platform.CurrencyCode;
import dev.coffer.platform.Money;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which happenings become email, written in the happening's own transaction: a login from a new device, a password
 * or second factor change (so a person learns at once when someone else did it), and money received at or above
 * {@code coffer.notifications.large-transfer}, and a standing order's run the ledger refused (the owner learns
 * the rent was not paid while there is time to act). Alerts are mailed where they are found (the live event writer).
 */
@Component
class MailTriggers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final EmailQueue mail;
    private final NotificationProperties properties;

    MailTriggers(EmailQueue mail, NotificationProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    @EventListener
    void on(IdentityEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return; // every event that mails is published in its transaction; others (audit-only) may not be
        }
        switch (event) {
            case IdentityEvent.LoginSucceeded login when login.newDevice() && !login.firstDevice() ->
                    mail.queue(login.userId(), EmailKind.NEW_DEVICE_LOGIN, new EmailQueue.Message(
                            "A login from a new device", List.of("Someone logged in to your Coffer account from a "
                                    + "device it had not seen before (IP address " + login.ip() + ").",
                                    "If it was you, all is well. If not, change your password now and end the "
                                            + "sessions you do not know."),
                            "Review your security settings", "/settings/security"));
            case IdentityEvent.PasswordChanged changed -> mail.queue(changed.userId(), EmailKind.PASSWORD_CHANGED,
                    new EmailQueue.Message("Your password was changed", List.of("The password of your Coffer account "
                            + "was just changed, and your other sessions were ended.",
                            "If you did not do this, reset your password and contact us at once."),
                            "Review your security settings", "/settings/security"));
            case IdentityEvent.MfaEnabled enabled -> mail.queue(enabled.userId(), EmailKind.SECOND_FACTOR_CHANGED,
                    new EmailQueue.Message("Two-factor login is on", List.of("Two-factor login was just turned on "
                            + "for your Coffer account: logins now ask for a code from your authenticator app.",
                            "If you did not do this, contact us at once."),
                            "Review your security settings", "/settings/security"));
            case IdentityEvent.MfaDisabled disabled -> mail.queue(disabled.userId(), EmailKind.SECOND_FACTOR_CHANGED,
                    new EmailQueue.Message("Two-factor login is off", List.of("Two-factor login was just turned off "
                            + "for your Coffer account: logins no longer ask for a code.",
                            "If you did not do this, change your password and contact us at once."),
                            "Review your security settings", "/settings/security"));
            case IdentityEvent.PasskeyAdded added -> mail.queue(added.userId(), EmailKind.SECOND_FACTOR_CHANGED,
                    new EmailQueue.Message("A passkey was added", List.of("A passkey (\"" + added.label()
                            + "\") was just added to your Coffer account: it can log in without a password.",
                            "If you did not do this, remove it on your security page and contact us at once."),
                            "Review your security settings", "/settings/security"));
            default -> {
            }
        }
    }

    @EventListener
    void on(LedgerChanges changes) {
        var owners = new HashMap<String, String>();
        changes.balances().forEach(b -> owners.put(b.accountId(), b.ownerId()));
        for (var event : changes.events()) {
            if (event instanceof LedgerEvent.TransferPosted posted && posted.amount() >= properties.largeTransfer()
                    && owners.get(posted.toAccountId()) != null) {
                var amount = Money.of(posted.amount(), CurrencyCode.of(posted.currency())).toMajor().toPlainString();
                mail.queue(owners.get(posted.toAccountId()), EmailKind.LARGE_TRANSFER, new EmailQueue.Message(
                        "You received " + amount + " " + posted.currency(), List.of("A transfer of " + amount + " "
                                + posted.currency() + " arrived on your account " + posted.toAccountId() + "."),
                        "See the account", "/accounts/" + posted.toAccountId()));
            }
        }
    }

    @EventListener
    void on(StandingOrderRunRefused refused) {
        var amount = Money.of(refused.amount(), CurrencyCode.of(refused.currency())).toMajor().toPlainString() + " "
                + refused.currency();
        var what = refused.description() == null ? "" : " (\u201c" + refused.description() + "\u201d)";
        var next = refused.nextRunAt() == null ? "It was the last payment of this standing order."
                : "The standing order goes on: its next payment is due on " + DAY.format(refused.nextRunAt()) + ".";
        mail.queue(refused.ownerId(), EmailKind.STANDING_ORDER_FAILED, new EmailQueue.Message(
                "Your standing order of " + amount + " was not paid", List.of("Your standing order of " + amount
                        + what + " from account " + refused.fromAccountId() + " to " + refused.toAccountId()
                        + ", due on " + DAY.format(refused.dueAt()) + ", was refused: " + reason(refused.code())
                        + " (" + refused.code() + "). Nothing was sent.", next),
                "See the account", "/accounts/" + refused.fromAccountId()));
    }

    private static String reason(String code) {
        return switch (code) {
            case "insufficient_funds" -> "there was not enough money on the account";
            case "account_frozen" -> "one of the accounts is frozen";
            case "limit_exceeded" -> "it would have gone over your spending limit";
            case "balance_limit_exceeded" -> "the receiving account cannot hold that much";
            default -> "the bank refused it";
        };
    }
}
