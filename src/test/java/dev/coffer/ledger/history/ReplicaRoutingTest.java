package dev.coffer.ledger.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.coffer.identity.Users;
import dev.coffer.ledger.account.AccountFactsCache;
import dev.coffer.ledger.account.AccountService;
import dev.coffer.platform.db.ReplicaReads;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Read-replica routing against a stand-in replica: a schema holding copies of the ledger tables taken at one moment,
 * reached through its own connection pool with {@code currentSchema}. It lags exactly like a replica that stopped
 * replaying at the copy, which is all the routing relies on (entry numbers only grow). The real streaming replica
 * runs in {@code scripts/cluster-demo.sh}.
 */
class ReplicaRoutingTest extends IntegrationTest {

    private static final String MARK = "replayed on the replica";

    @Autowired
    private DataSource dataSource;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private HistoryRepository repository;
    @Autowired
    private AccountService accounts;
    @Autowired
    private AccountFactsCache facts;
    @Autowired
    private Users users;

    private final String schema = "replica_sim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final MutableClock replicaClock = new MutableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ReplicaReads reads;

    @AfterEach
    void dropReplica() throws Exception {
        if (reads != null) {
            reads.destroy();
        }
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
    }

    @Test
    void freshReplicaServesHistoryAndStatementsAndLaggingReplicaFallsBackToThePrimary() throws Exception {
        var shop = newShop();
        var alice = newUser("alice");
        var bob = newUser("bob");
        var aliceEur = shop.fundedAccount(alice, "EUR", 10_000);
        var bobEur = shop.fundedAccount(bob, "EUR", 0);
        assertThat(transfer(alice, aliceEur, bobEur, 100)).isEqualTo(201);
        snapshotReplica(List.of(aliceEur, bobEur));
        reads = replicaReads(jdbcUrl() + "&currentSchema=" + schema);
        var history = new HistoryService(repository, accounts, users, reads, facts);

        var fromReplica = history.page(bob.id(), bobEur, null, null, null, null).data();
        assertThat(fromReplica).singleElement().satisfies(row -> assertThat(row.description()).isEqualTo(MARK));
        assertThat(statement(history, bob.id(), bobEur)).contains(MARK);
        assertThat(reads("replica", "fresh")).isEqualTo(2);

        // Bob's own write after the replica stopped: his next page must show it, so it comes from the primary.
        assertThat(transfer(bob, bobEur, aliceEur, 30)).isEqualTo(201);
        var afterWrite = history.page(bob.id(), bobEur, null, null, null, null).data();
        assertThat(afterWrite).hasSize(2).noneMatch(row -> MARK.equals(row.description()));
        assertThat(afterWrite.getFirst().amount()).isEqualTo(-30);
        assertThat(statement(history, bob.id(), bobEur)).doesNotContain(MARK).contains("-0.30");
        assertThat(reads("primary", "replica_behind")).isEqualTo(2);
    }

    @Test
    void replicaThatCannotBeReachedIsSkippedForTheRetryIntervalAndTriedAgainAfterIt() throws Exception {
        reads = replicaReads("jdbc:postgresql://127.0.0.1:" + closedPort() + "/postgres?connectTimeout=1");
        var freshnessChecks = new AtomicInteger();
        var whereFirst = reads.read(db -> {
            freshnessChecks.incrementAndGet();
            return db.sql("SELECT true").query(Boolean.class).single();
        }, db -> db.sql("SELECT current_schema()").query(String.class).single());
        assertThat(whereFirst).isEqualTo("public");
        assertThat(freshnessChecks).hasValue(1);

        var whereThen = reads.read(db -> freshnessChecks.incrementAndGet() > 0,
                db -> db.sql("SELECT current_schema()").query(String.class).single());
        assertThat(whereThen).isEqualTo("public");
        assertThat(freshnessChecks).as("the replica is not asked again within the interval").hasValue(1);
        assertThat(reads("primary", "replica_down")).isEqualTo(2);

        replicaClock.advance(Duration.ofSeconds(6));
        reads.read(db -> freshnessChecks.incrementAndGet() > 0 && db.sql("SELECT 1").query(Integer.class).single() > 0,
                db -> db.sql("SELECT 1").query(Integer.class).single());
        assertThat(freshnessChecks).as("tried again after the interval").hasValue(2);
    }

    @Test
    void streamedReadsRunInAReadOnlyTransactionOnTheChosenDatabase() {
        jdbc.sql("CREATE SCHEMA " + schema).update();
        reads = replicaReads(jdbcUrl() + "&currentSchema=" + schema);
        var onReplica = reads.readInTransaction(db -> true, db -> db.sql(
                "SELECT current_schema() || ' ' || current_setting('transaction_read_only')").query(String.class)
                .single());
        assertThat(onReplica).isEqualTo(schema + " on");
        var onPrimary = reads.readInTransaction(db -> false, db -> db.sql(
                "SELECT current_schema() || ' ' || current_setting('transaction_read_only')").query(String.class)
                .single());
        assertThat(onPrimary).isEqualTo("public on");
    }

    @Test
    void withoutAReplicaEverythingReadsThePrimary() {
        var primaryOnly = new ReplicaReads(jdbc, transactions, new MockEnvironment(), replicaClock, meters);
        assertThat(primaryOnly.hasReplica()).isFalse();
        String where = primaryOnly.read(db -> {
            throw new AssertionError("no replica to check");
        }, db -> db.sql("SELECT current_schema()").query(String.class).single());
        assertThat(where).isEqualTo("public");
    }

    /** Copies the ledger rows the test needs into the stand-in replica's schema and marks its copies. */
    private void snapshotReplica(List<String> accountIds) {
        jdbc.sql("CREATE SCHEMA " + schema).update();
        jdbc.sql("CREATE TABLE " + schema + ".accounts AS SELECT * FROM accounts").update();
        jdbc.sql("CREATE TABLE " + schema + ".entries AS SELECT * FROM entries WHERE account_id IN (:ids)")
                .param("ids", accountIds).update();
        jdbc.sql("CREATE TABLE " + schema + ".transfers AS SELECT * FROM transfers WHERE id IN "
                + "(SELECT transfer_id FROM " + schema + ".entries)").update();
        jdbc.sql("UPDATE " + schema + ".transfers SET description = :mark").param("mark", MARK).update();
    }

    private ReplicaReads replicaReads(String url) {
        var env = new MockEnvironment().withProperty("coffer.db.replica.url", url)
                .withProperty("coffer.db.replica.user", "postgres")
                .withProperty("coffer.db.replica.pool-size", "2");
        return new ReplicaReads(jdbc, transactions, env, replicaClock, meters);
    }

    private String jdbcUrl() {
        return ((HikariDataSource) dataSource).getJdbcUrl();
    }

    private String statement(HistoryService history, String userId, String accountId) throws Exception {
        var out = new ByteArrayOutputStream();
        new StatementWriter(repository, history, reads)
                .write(accounts.owned(userId, accountId), TimeRange.parse(null, null), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private double reads(String target, String reason) {
        var counter = meters.find("coffer.db.reads").tag("target", target).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private int transfer(TestUser who, String from, String to, long amount) {
        return api.post("/api/v1/transfers").token(who.token()).header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("fromAccountId", from, "toAccountId", to, "amount", amount, "currency", "EUR"))
                .send().status();
    }

    private static int closedPort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
