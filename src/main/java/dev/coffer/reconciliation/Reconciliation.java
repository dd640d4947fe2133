package dev.coffer.reconciliation;

import dev.coffer.ledger.AccountSummary;
import dev.coffer.ledger.SettlementLedger;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.Ids;
import dev.coffer.platform.web.Paging;
import dev.coffer.reconciliation.statement.Camt053Reader;
import dev.coffer.reconciliation.statement.CsvStatementReader;
import dev.coffer.reconciliation.store.ExceptionRepository;
import jakarta.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The reconciliation module's public face (for its API and the admin page): settlement accounts, statement imports,
 * the exception queue and its resolutions. Every call is an admin's; authorization happens at the edges.
 */
@Service
public class Reconciliation {

    private static final int MAX_ID_CHARS = 40;

    private final SettlementLedger ledger;
    private final StatementImport imports;
    private final ExceptionResolver resolver;
    private final ExceptionRepository exceptions;

    Reconciliation(SettlementLedger ledger, StatementImport imports, ExceptionResolver resolver,
            ExceptionRepository exceptions) {
        this.ledger = ledger;
        this.imports = imports;
        this.resolver = resolver;
        this.exceptions = exceptions;
    }

    /** One page of the exception queue, oldest first. */
    public record ExceptionPage(List<ReconException> data, @Nullable String nextCursor) {
    }

    public List<AccountSummary> settlementAccounts() {
        return ledger.settlementAccounts();
    }

    /**
     * Reads and imports a statement of a settlement account: 404 for any other account, 400 {@code invalid_statement}
     * for a body that is not a statement, 422 {@code currency_mismatch} for another currency's statement. A statement
     * imported before (same camt {@code Stmt/Id}, or the same CSV bytes) changes nothing: the first answer again.
     */
    public ImportResult importStatement(String adminId, String accountId, StatementFormat format, byte[] body) {
        var account = settlementAccount(accountId);
        var statement = switch (format) {
            case CAMT053 -> new Camt053Reader().read(body);
            case CSV -> new CsvStatementReader().read(body);
        };
        if (!statement.currency().equals(account.currency())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "currency_mismatch", "The statement is in "
                    + statement.currency() + "; settlement account " + account.id() + " holds " + account.currency());
        }
        return imports.run(adminId, account, statement);
    }

    public ExceptionPage exceptions(Integer limit, String cursor, String accountId) {
        if (accountId != null && !Ids.looksLike(accountId, "acc")) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter",
                    "'accountId' must be an account id (acc_…)");
        }
        int size = Paging.limit(limit);
        var after = Cursor.decode(cursor);
        var rows = exceptions.open(after.createdAt(), after.id(), accountId, size + 1);
        var page = rows.size() > size ? rows.subList(0, size) : rows;
        var next = rows.size() > size ? Cursor.encode(page.getLast()) : null;
        return new ExceptionPage(List.copyOf(page), next);
    }

    public Resolution.Resolved resolve(String adminId, String exceptionId, Resolution resolution) {
        if (!Ids.looksLike(exceptionId, "rsl") && !Ids.looksLike(exceptionId, "rse")) {
            throw ApiException.notFound("Exception");
        }
        return resolver.resolve(adminId, exceptionId, resolution);
    }

    private AccountSummary settlementAccount(String accountId) {
        if (accountId == null || accountId.isBlank() || accountId.length() > MAX_ID_CHARS) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter",
                    "'accountId' must name a settlement account (GET /api/v1/admin/settlement-accounts)");
        }
        return ledger.settlementAccount(accountId).orElseThrow(() -> ApiException.notFound("Settlement account"));
    }

    /** The queue's position: the last row's creation time and id, opaque to clients. */
    private record Cursor(Instant createdAt, String id) {
        static final Cursor START = new Cursor(Instant.EPOCH, "");

        static String encode(ReconException last) {
            var text = last.createdAt().toString() + "|" + last.id();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            if (cursor == null || cursor.isEmpty()) {
                return START;
            }
            try {
                var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                var id = text.substring(bar + 1);
                if (bar < 1 || !(Ids.looksLike(id, "rsl") || Ids.looksLike(id, "rse"))) {
                    throw Paging.invalidCursor();
                }
                return new Cursor(Instant.parse(text.substring(0, bar)), id);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw Paging.invalidCursor();
            }
        }
    }
}
