package dev.coffer.reconciliation;

/**
 * The answer to a statement import: its id, how many lines it had, how many of them a ledger entry matched at import,
 * and how many did not ({@code unmatched} counts statement lines). {@code replayed} when this statement had been
 * imported before: nothing changed and this is the first import's answer.
 */
public record ImportResult(String id, int lines, int matched, int unmatched, boolean replayed) {
}
