package dev.coffer.ledger.engine;

import dev.coffer.ledger.AccountBalance;
import dev.coffer.ledger.LedgerEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the planner decided for a batch: one outcome per operation, and the rows to write for the applied ones. */
final class Plan {

    final List<Outcome> outcomes = new ArrayList<>();
    final List<TransferRow> transfers = new ArrayList<>();
    final List<EntryRow> entries = new ArrayList<>();
    final List<HoldRow> newHolds = new ArrayList<>();
    final List<HoldRow> endedHolds = new ArrayList<>();
    final List<LedgerEvent> events = new ArrayList<>();
    /** Balances after each applied operation, of the accounts it changed, in order. */
    final List<AccountBalance> balances = new ArrayList<>();
    Collection<AccountState> changedAccounts = List.of();
}
