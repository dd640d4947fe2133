package dev.coffer.ledger.engine;

import dev.coffer.ledger.AccountStatus;
import dev.coffer.ledger.HoldStatus;
import dev.coffer.ledger.LedgerEvent;
import dev.coffer.ledger.Refusal;
import dev.coffer.ledger.TransferKind;
import dev.coffer.ledger.engine.Operation.CaptureHold;
import dev.coffer.ledger.engine.Operation.PlaceHold;
import dev.coffer.ledger.engine.Operation.PostTransfer;
import dev.coffer.ledger.engine.Operation.ReleaseHold;
import dev.coffer.platform.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides a batch of operations against the locked balances, in memory and in order: each operation is checked
 * against the running balances left by the ones before it, and is applied whole or refused whole, so one refused
 * operation never harms its neighbours. Pure: no I/O, so it can be tested with millions of generated cases.
 */
final class Planner {

    private final Map<String, AccountState> accounts;
    private final Map<String, HoldRow> holds;
    private final Instant now;
    private final Plan plan = new Plan();
    /** The accounts the current operation changed (at most two). */
    private final List<AccountState> touched = new ArrayList<>(2);

    private Planner(Map<String, AccountState> accounts, Map<String, HoldRow> holds, Instant now) {
        this.accounts = accounts;
        this.holds = holds;
        this.now = now;
    }

    /** Plans {@code operations}; {@code accounts} and {@code holds} are updated in place to their final state. */
    static Plan plan(List<Operation> operations, Map<String, AccountState> accounts, Map<String, HoldRow> holds,
            Instant now) {
        var planner = new Planner(accounts, holds, now);
        for (var operation : operations) {
            var outcome = planner.apply(operation);
            planner.plan.outcomes.add(outcome);
            planner.recordBalances(outcome);
        }
        planner.plan.changedAccounts = accounts.values().stream().filter(a -> a.changed).toList();
        for (var account : planner.plan.changedAccounts) {
            // What the database's CHECK would refuse at commit, caught here with the account named.
            if (account.pending < 0 || (!account.mayGoNegative() && account.available() < 0)) {
                throw new IllegalStateException("planned balances out of bounds on " + account.id + ": ledger "
                        + account.ledger + ", pending " + account.pending);
            }
        }
        return planner.plan;
    }

    /** Marks an account changed by the operation being applied (its balances are recorded after it). */
    private void touch(AccountState account) {
        account.changed = true;
        if (!touched.contains(account)) {
            touched.add(account);
        }
    }

    /** The balances of the accounts the operation changed, right after it; a refusal changes none. */
    private void recordBalances(Outcome outcome) {
        if (outcome instanceof Outcome.Refused && !touched.isEmpty()) {
            throw new IllegalStateException("a refused operation changed balances: " + touched.getFirst().id);
        }
        touched.forEach(account -> plan.balances.add(account.snapshot()));
        touched.clear();
    }

    private Outcome apply(Operation operation) {
        return switch (operation) {
            case PostTransfer t -> postTransfer(t);
            case PlaceHold h -> placeHold(h);
            case CaptureHold c -> captureHold(c);
            case ReleaseHold r -> releaseHold(r);
        };
    }

    private Outcome postTransfer(PostTransfer t) {
        var from = accounts.get(t.fromAccountId());
        var to = accounts.get(t.toAccountId());
        var refusal = checkMovement(from, to, t.amount(), t.currency().code());
        if (refusal != null) {
            return refusal;
        }
        if (!from.mayGoNegative() && from.available() < t.amount()) {
            return insufficientFunds();
        }
        var overLimit = Spending.counts(t.kind()) ? Spending.check(from, t.amount()) : null;
        if (overLimit != null) {
            return overLimit;
        }
        if (to.ledger > Long.MAX_VALUE - t.amount() || from.ledger < Long.MIN_VALUE + t.amount()) {
            return Outcome.refused(Refusal.BALANCE_LIMIT_EXCEEDED,
                    "This transfer would take a balance beyond what Coffer can hold");
        }
        var row = move(t.transferId(), t.kind(), from, to, t.amount(), t.description(), t.initiatedBy(),
                t.reference());
        if (Spending.counts(t.kind())) {
            Spending.record(from, t.amount());
        }
        return new Outcome.Applied(row, null);
    }

    private Outcome placeHold(PlaceHold h) {
        var from = accounts.get(h.fromAccountId());
        var to = accounts.get(h.toAccountId());
        var refusal = checkMovement(from, to, h.amount(), h.currency().code());
        if (refusal != null) {
            return refusal;
        }
        if (holds.containsKey(h.holdId())) {
            throw new IllegalStateException("hold id reused: " + h.holdId());
        }
        if (!from.mayGoNegative() && from.available() < h.amount()) {
            return insufficientFunds();
        }
        var overLimit = Spending.check(from, h.amount());
        if (overLimit != null) {
            return overLimit;
        }
        Spending.record(from, h.amount());
        from.pending = Math.addExact(from.pending, h.amount());
        touch(from);
        var hold = new HoldRow(h.holdId(), from.id, to.id, h.amount(), h.currency().code(), HoldStatus.PENDING, 0,
                null, h.reference(), now, h.expiresAt(), null);
        holds.put(hold.id(), hold);
        plan.newHolds.add(hold);
        plan.events.add(new LedgerEvent.HoldPlaced(hold.id(), from.id, to.id, h.amount(), hold.currency(),
                h.reference()));
        return new Outcome.Applied(null, hold);
    }

    private Outcome captureHold(CaptureHold c) {
        var hold = holds.get(c.holdId());
        var refusal = checkPending(hold, c.holdId());
        if (refusal != null) {
            return refusal;
        }
        if (hold.isExpiredAt(now)) {
            // Its money stopped being reserved at expiresAt (reads and transfers already count it as available), so
            // a late capture could take money the payer has since spent.
            return Outcome.refused(Refusal.HOLD_EXPIRED,
                    "The authorization expired at " + hold.expiresAt() + " and can no longer be captured");
        }
        if (c.amount() <= 0 || c.amount() > hold.amount()) {
            return Outcome.refused(Refusal.AMOUNT_EXCEEDS_HOLD,
                    "The capture amount must be between 1 and the held amount (" + hold.amount() + ")");
        }
        var from = accounts.get(hold.accountId());
        var to = accounts.get(hold.toAccountId());
        var statusRefusal = checkStatus(from, to);
        if (statusRefusal != null) {
            return statusRefusal;
        }
        // Releasing the hold first makes its money available again; the capture then spends part or all of it.
        from.pending = Math.subtractExact(from.pending, hold.amount());
        Spending.giveBack(from, hold.amount() - c.amount(), hold.createdAt());
        touch(from);
        if (from.pending < 0 || (!from.mayGoNegative() && from.available() < c.amount())) {
            throw new IllegalStateException("held money missing on " + from.id + ": pending " + from.pending);
        }
        var transfer = move(c.transferId(), c.kind(), from, to, c.amount(), c.description(), c.initiatedBy(),
                hold.reference());
        var ended = hold.end(HoldStatus.CAPTURED, c.amount(), transfer.id(), now);
        holds.put(ended.id(), ended);
        plan.endedHolds.add(ended);
        plan.events.add(new LedgerEvent.HoldCaptured(hold.id(), c.amount(), hold.amount() - c.amount(),
                transfer.id(), hold.reference()));
        return new Outcome.Applied(transfer, ended);
    }

    private Outcome releaseHold(ReleaseHold r) {
        var hold = holds.get(r.holdId());
        var refusal = checkPending(hold, r.holdId());
        if (refusal != null) {
            return refusal;
        }
        var from = accounts.get(hold.accountId());
        from.pending = Math.subtractExact(from.pending, hold.amount());
        Spending.giveBack(from, hold.amount(), hold.createdAt());
        touch(from);
        if (from.pending < 0) {
            throw new IllegalStateException("pending went negative on " + from.id);
        }
        // A hold voided at or after its expiry had already expired: it ends as what it is, so listeners (the payment
        // it backed) see the same end whether the void or the release job got to it first.
        var endStatus = hold.isExpiredAt(now) ? HoldStatus.EXPIRED : r.endStatus();
        var ended = hold.end(endStatus, 0, null, now);
        holds.put(ended.id(), ended);
        plan.endedHolds.add(ended);
        plan.events.add(new LedgerEvent.HoldReleased(hold.id(), hold.amount(), endStatus, hold.reference()));
        return new Outcome.Applied(null, ended);
    }

    /** Posts one transfer: the debit and the credit, each with its account's next entry number. */
    private TransferRow move(String transferId, TransferKind kind, AccountState from,
            AccountState to, long amount, String description, String initiatedBy, String reference) {
        from.ledger = Math.subtractExact(from.ledger, amount);
        from.entryCount++;
        touch(from);
        to.ledger = Math.addExact(to.ledger, amount);
        to.entryCount++;
        touch(to);
        plan.entries.add(new EntryRow(transferId, true, from.id, from.entryCount, -amount, from.ledger));
        plan.entries.add(new EntryRow(transferId, false, to.id, to.entryCount, amount, to.ledger));
        var row = new TransferRow(transferId, kind, from.id, to.id, amount, from.currency, description,
                initiatedBy, reference, now);
        plan.transfers.add(row);
        plan.events.add(new LedgerEvent.TransferPosted(transferId, kind, from.id, to.id, amount, from.currency,
                initiatedBy, reference, description));
        return row;
    }

    private static Outcome.Refused checkMovement(AccountState from, AccountState to, long amount, String currency) {
        if (from == null || to == null) {
            return Outcome.refused(Refusal.ACCOUNT_NOT_FOUND, "Account not found");
        }
        if (from.id.equals(to.id)) {
            return Outcome.refused(Refusal.SAME_ACCOUNT,
                    "Source and destination are the same account");
        }
        if (!Money.isValidAmount(amount)) {
            return Outcome.refused(Refusal.INVALID_AMOUNT,
                    "The amount must be between 1 and 10^15 minor units");
        }
        if (!from.currency.equals(currency) || !to.currency.equals(currency)) {
            return Outcome.refused(Refusal.CURRENCY_MISMATCH,
                    "Both accounts must hold the transfer's currency (" + currency + ")");
        }
        return checkStatus(from, to);
    }

    private static Outcome.Refused checkStatus(AccountState from, AccountState to) {
        for (var account : List.of(from, to)) {
            if (account.status == AccountStatus.FROZEN) {
                return Outcome.refused(Refusal.ACCOUNT_FROZEN,
                        "Account " + account.id + " is frozen: it can neither send nor receive");
            }
            if (account.status == AccountStatus.CLOSED) {
                return Outcome.refused(Refusal.ACCOUNT_CLOSED,
                        "Account " + account.id + " is closed");
            }
        }
        return null;
    }

    private static Outcome.Refused checkPending(HoldRow hold, String holdId) {
        if (hold == null) {
            return Outcome.refused(Refusal.HOLD_NOT_FOUND, "Hold " + holdId + " not found");
        }
        if (hold.status() != HoldStatus.PENDING) {
            return Outcome.refused(Refusal.HOLD_NOT_PENDING,
                    "Hold " + holdId + " is already " + hold.status().dbName());
        }
        return null;
    }

    private static Outcome.Refused insufficientFunds() {
        return Outcome.refused(Refusal.INSUFFICIENT_FUNDS,
                "The source account does not have enough available money");
    }
}
