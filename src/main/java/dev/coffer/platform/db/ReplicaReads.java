package dev.coffer.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Heavy read-only queries (history pages, statements) that may run on a PostgreSQL streaming replica, named by
 * {@code COFFER_DB_REPLICA_URL} ({@code coffer.db.replica.url}). Without one, everything reads the primary.
 *
 * <p>A replica lags. The caller therefore says what "fresh enough" means for its query, as a check run on the
 * replica first: history asks whether the replica has replayed the account's entries up to the count the primary
 * reported a moment ago (entries are append-only and numbered per account, so that count is an exact watermark).
 * A user who just wrote therefore reads the primary until the replica has caught up, on any node, with no shared
 * session state. A replica that fails is left alone for {@code coffer.db.replica.retry-after} (default 5 s) and
 * reads go to the primary meanwhile, so a dead replica costs one failed connection attempt per interval, not one
 * per request.
 */
@Component
public final class ReplicaReads implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplicaReads.class);

    private final JdbcClient primary;
    private final TransactionTemplate primaryReadOnly;
    private final Replica replica;
    private final Duration retryAfter;
    private final Clock clock;
    private final AtomicReference<Instant> downUntil = new AtomicReference<>(Instant.MIN);
    // Registered once: looking a meter up by name and tags on every read costs more than the read's routing.
    private final Counter onReplica;
    private final Counter replicaBehind;
    private final Counter replicaDown;

    public ReplicaReads(JdbcClient primary, PlatformTransactionManager transactions, Environment env, Clock clock,
            MeterRegistry meters) {
        this.primary = primary;
        this.primaryReadOnly = readOnly(transactions);
        this.replica = Replica.from(env);
        this.retryAfter = env.getProperty("coffer.db.replica.retry-after", Duration.class, Duration.ofSeconds(5));
        this.clock = clock;
        this.onReplica = readsCounter(meters, "replica", "fresh");
        this.replicaBehind = readsCounter(meters, "primary", "replica_behind");
        this.replicaDown = readsCounter(meters, "primary", "replica_down");
        if (replica != null) {
            Gauge.builder("coffer.db.replica.up", this, r -> r.replicaUsable() ? 1 : 0)
                    .description("1 while reads may go to the replica, 0 while it is skipped after a failure")
                    .register(meters);
        }
    }

    /** True when a replica is configured. */
    public boolean hasReplica() {
        return replica != null;
    }

    /**
     * Runs {@code query} on the replica when one is configured, up and {@code isFresh} there; otherwise on the
     * primary. The query must give the same answer on both (bound it by the watermark {@code isFresh} checked).
     */
    public <T> T read(Predicate<JdbcClient> isFresh, Function<JdbcClient, T> query) {
        return route(isFresh, query, false);
    }

    /**
     * Like {@link #read} but inside a read-only transaction on the chosen database, which streamed queries with a
     * fetch size need. A replica failure after rows were handed out is not retried on the primary (the caller may
     * have written them out already): it propagates like a primary failure would.
     */
    public <T> T readInTransaction(Predicate<JdbcClient> isFresh, Function<JdbcClient, T> query) {
        return route(isFresh, query, true);
    }

    private <T> T route(Predicate<JdbcClient> isFresh, Function<JdbcClient, T> query, boolean transactional) {
        if (replica == null) {
            return onPrimary(query, transactional);
        }
        if (!replicaUsable()) {
            replicaDown.increment();
            return onPrimary(query, transactional);
        }
        boolean fresh;
        try {
            fresh = isFresh.test(replica.jdbc);
        } catch (DataAccessException e) {
            markDown(e);
            return onPrimary(query, transactional);
        }
        if (!fresh) {
            replicaBehind.increment();
            return onPrimary(query, transactional);
        }
        if (!transactional) {
            try {
                T result = query.apply(replica.jdbc);
                onReplica.increment();
                return result;
            } catch (DataAccessException e) {
                markDown(e);
                return query.apply(primary);
            }
        }
        onReplica.increment();
        return replica.readOnly.execute(status -> query.apply(replica.jdbc));
    }

    private <T> T onPrimary(Function<JdbcClient, T> query, boolean transactional) {
        return transactional ? primaryReadOnly.execute(status -> query.apply(primary)) : query.apply(primary);
    }

    boolean replicaUsable() {
        return !clock.instant().isBefore(downUntil.get());
    }

    /** Skips the replica for the retry interval; the read that failed is counted as sent to the primary. */
    private void markDown(DataAccessException e) {
        replicaDown.increment();
        var until = clock.instant().plus(retryAfter);
        var previous = downUntil.getAndSet(until);
        if (!clock.instant().isBefore(previous)) {
            // Log the transition only; the message is the driver's, which never carries the password.
            log.warn("read replica failed ({}); reading from the primary for {}", e.getMostSpecificCause().getMessage(),
                    retryAfter);
        }
    }

    private static Counter readsCounter(MeterRegistry meters, String target, String reason) {
        return Counter.builder("coffer.db.reads").description("Routed read-only queries, by database and reason")
                .tag("target", target).tag("reason", reason).register(meters);
    }

    private static TransactionTemplate readOnly(PlatformTransactionManager transactions) {
        var template = new TransactionTemplate(transactions);
        template.setReadOnly(true);
        return template;
    }

    @Override
    public void destroy() {
        if (replica != null) {
            replica.dataSource.close();
        }
    }

    /** The replica's own small pool; not a bean, so Boot's DataSource auto-configuration keeps the primary. */
    private record Replica(HikariDataSource dataSource, JdbcClient jdbc, TransactionTemplate readOnly) {

        static Replica from(Environment env) {
            var url = env.getProperty("coffer.db.replica.url", "");
            if (url.isBlank()) {
                return null;
            }
            var config = new HikariConfig();
            config.setPoolName("coffer-replica");
            config.setJdbcUrl(url);
            config.setUsername(env.getProperty("coffer.db.replica.user", env.getProperty("coffer.db.user", "")));
            config.setPassword(env.getProperty("coffer.db.replica.password",
                    env.getProperty("coffer.db.password", "")));
            config.setMaximumPoolSize(env.getProperty("coffer.db.replica.pool-size", Integer.class, 8));
            config.setMinimumIdle(1);
            config.setReadOnly(true);
            // A replica that is down must not hold requests up: fail fast, then the primary answers.
            config.setConnectionTimeout(env.getProperty("coffer.db.replica.connect-timeout-millis", Long.class, 1000L));
            config.setValidationTimeout(500);
            config.setInitializationFailTimeout(-1);
            config.addDataSourceProperty("ApplicationName", "coffer-replica-reads");
            config.addDataSourceProperty("tcpKeepAlive", "true");
            // A replica that froze must fail a read (which then goes to the primary), not hold it forever.
            DataSourceConfig.failoverTimeouts(env).forEach(config::addDataSourceProperty);
            // The replica URL may name several hosts (targetServerType=preferSecondary): after a failover a
            // connection can find itself on the new primary, which answers correctly but carries load a replica
            // should; renewing connections every few minutes spreads them over the standbys again.
            var maxLifetime = env.getProperty("coffer.db.replica.max-lifetime", Duration.class, Duration.ofMinutes(5));
            config.setMaxLifetime(maxLifetime.toMillis());
            config.setIdleTimeout(maxLifetime.dividedBy(2).toMillis()); // Hikari ignores one close to the lifetime
            var dataSource = new HikariDataSource(config);
            return new Replica(dataSource, JdbcClient.create(dataSource),
                    ReplicaReads.readOnly(transactions(dataSource)));
        }

        private static PlatformTransactionManager transactions(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }
    }
}
