package dev.coffer.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Lifts the driver's socket timeout ({@code coffer.db.socket-timeout-seconds}) for the few statements that may
 * legitimately run long: schema migrations and the full ledger verification. The timeout exists so that a request
 * on a connection to a primary that froze or vanished behind a partition gets an answer (503) instead of waiting
 * forever; these statements are not on a request's critical path, and cutting them would only make them fail.
 *
 * <p>Hikari notices the changed network timeout and restores the pool's own when the connection is returned, so
 * the lift never outlives the transaction or migration that asked for it.
 */
public final class LongStatements {

    /** Runs the driver's timeout bookkeeping on the calling thread: pgjdbc only sets the socket option. */
    private static final Executor SAME_THREAD = Runnable::run;
    private static final int NO_TIMEOUT_MILLIS = 0;

    private LongStatements() {
    }

    /** The same database, but every connection it hands out waits for its statements as long as they take. */
    public static DataSource withoutSocketTimeout(DataSource dataSource) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                return lifted(super.getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return lifted(super.getConnection(username, password));
            }
        };
    }

    /** Lifts the timeout on the connection of the current transaction (which must exist) until it is returned. */
    public static void liftForCurrentTransaction(DataSource dataSource) {
        var connection = DataSourceUtils.getConnection(dataSource);
        try {
            lifted(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not lift the socket timeout", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static Connection lifted(Connection connection) throws SQLException {
        connection.setNetworkTimeout(SAME_THREAD, NO_TIMEOUT_MILLIS);
        return connection;
    }
}
