package dev.coffer.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** The shapes a lost primary takes during a failover, as the driver, Hikari and Spring report them. */
class DatabaseUnavailableTest {

    @Test
    void noConnectionFromThePoolWhenATransactionBegins() {
        var hikari = new SQLTransientConnectionException("coffer - Connection is not available, request timed out");
        assertThat(DatabaseUnavailable.isCauseOf(
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction", hikari)))
                .isTrue();
    }

    @Test
    void aSocketCutOrTimedOutMidStatement() {
        var io = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE);
        assertThat(DatabaseUnavailable.isCauseOf(new UncategorizedSQLException("commit", null, io))).isTrue();
    }

    @Test
    void aServerShuttingDownOrNoLongerThePrimary() {
        for (var state : new String[] {"57P01", "57P02", "57P03", "25006", "53300", "08001"}) {
            var error = new UncategorizedSQLException("query", "SELECT 1", new SQLException("gone", state));
            assertThat(DatabaseUnavailable.isCauseOf(error)).as(state).isTrue();
        }
    }

    @Test
    void aRollbackOnABrokenConnectionKeepsTheRealFailureAsItsApplicationException() {
        var rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("I/O error",
                new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE)));
        assertThat(DatabaseUnavailable.isCauseOf(rollback)).isTrue();
    }

    @Test
    void everyOtherDatabaseErrorIsNotAnOutage() {
        assertThat(DatabaseUnavailable.isCauseOf(new DuplicateKeyException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new BadSqlGrammarException("query", "SELECT nope",
                new SQLException("relation does not exist", "42P01")))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new IllegalStateException("a bug"))).isFalse();
    }
}
