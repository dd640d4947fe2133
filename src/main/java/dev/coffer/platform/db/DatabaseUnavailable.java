package dev.coffer.platform.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a lost or unreachable primary apart from every other database error. During a failover the same outage
 * shows up in many shapes: no connection from the pool (Hikari's timeout, wrapped by Spring as
 * {@code CannotCreateTransactionException} when a transaction begins), a connection cut mid-statement or mid-commit
 * (pgjdbc's SQLState 08006), a server shutting down (57P01–57P03), a statement that waited past the socket timeout,
 * or a connection that reached a server which is no longer the primary (25006, read-only). All of them mean "try
 * again shortly", never "your request was wrong", and none of them may be answered as a 500.
 */
public final class DatabaseUnavailable {

    /** Server states that mean the connection, not the statement, failed: see the PostgreSQL error codes table. */
    private static final Set<String> CONNECTION_STATES = Set.of(
            "57P01", // admin_shutdown: the server is stopping (Patroni demotes or restarts it)
            "57P02", // crash_shutdown: another backend crashed, every session is cut
            "57P03", // cannot_connect_now: starting up, in recovery or shutting down
            "53300", // too_many_connections
            "25006"); // read_only_sql_transaction: this server is a standby now, the primary is elsewhere

    private static final int MAX_CAUSES = 20;

    private DatabaseUnavailable() {
    }

    /** True when {@code error} or one of its causes says the database could not be reached or was lost. */
    public static boolean isCauseOf(Throwable error) {
        var current = error;
        for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
            if (isUnavailable(current)) {
                return true;
            }
            // A rollback on a connection the pool has already marked broken fails with a bare "Connection is
            // closed" (no SQLState); Spring then throws that and keeps the failure that started it, the real
            // answer, aside as the "application exception" rather than as the cause.
            if (current instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && isCauseOf(rollback.getApplicationException())) {
                return true;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }

    private static boolean isUnavailable(Throwable error) {
        if (error instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnectionException
                || error instanceof TransientDataAccessResourceException
                || error instanceof QueryTimeoutException
                || error instanceof CannotCreateTransactionException
                || error instanceof SQLTransientConnectionException // Hikari: no connection within its timeout
                || error instanceof SQLRecoverableException) {
            return true;
        }
        if (error instanceof SQLException sql && sql.getSQLState() != null) {
            var state = sql.getSQLState();
            // Class 08: connection exception (pgjdbc reports a broken socket or a socket timeout as 08006).
            return state.startsWith("08") || CONNECTION_STATES.contains(state);
        }
        return false;
    }
}
