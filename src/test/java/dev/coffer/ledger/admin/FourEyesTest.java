package dev.coffer.ledger.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.Shop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admin deposits and withdrawals at or above coffer.admin.approval-threshold (1,000,000) wait for a second admin. */
class FourEyesTest extends IntegrationTest {

    private static final long LARGE = 1_000_000;

    private Shop bank;
    private TestUser maker;
    private TestUser checker;
    private TestUser customer;
    private String account;

    @BeforeEach
    void setUp() {
        bank = newShop();
        maker = bank.admin;
        checker = bank.approver;
        customer = newUser("customer");
        account = bank.fundedAccount(customer, "EUR", 0);
    }

    @Test
    void aLargeDepositWaitsForASecondAdminAndPostsOnce() {
        var key = UUID.randomUUID().toString();
        var asked = cash("deposits", maker, LARGE, key);
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        assertThat(asked.json().path("status").asString()).isEqualTo("pending");
        var approvalId = asked.json().path("approvalId").asString();
        assertThat(approvalId).startsWith("apr_");
        assertThat(balance()).isZero();
        var retried = cash("deposits", maker, LARGE, key);
        assertThat(retried.json().path("approvalId").asString()).isEqualTo(approvalId);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");

        var pending = api.get("/api/v1/admin/approvals?status=pending").token(checker.token()).send();
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.body()).contains(approvalId);

        var own = decide(maker, approvalId, "approve");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.code()).isEqualTo("four_eyes_required");
        assertThat(balance()).isZero();

        var approved = decide(checker, approvalId, "approve");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("approved");
        assertThat(approved.json().path("transferId").asString()).startsWith("tr_");
        assertThat(approved.json().path("decidedBy").asString()).isEqualTo(checker.id());
        var again = decide(checker, approvalId, "approve");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("transferId").asString()).isEqualTo(approved.json().path("transferId").asString());
        assertThat(balance()).as("money moves once").isEqualTo(LARGE);
        assertThat(decide(checker, approvalId, "reject").code()).isEqualTo("approval_not_pending");
        assertThat(api.get("/api/v1/admin/approvals?status=pending").token(checker.token()).send().body())
                .doesNotContain(approvalId);

        var audit = api.get("/api/v1/admin/audit?type=approval.approved").token(checker.token()).send();
        assertThat(audit.body()).contains(approvalId);
        assertThat(api.get("/api/v1/admin/audit?type=approval.requested").token(checker.token()).send().body())
                .contains(approvalId);
    }

    @Test
    void twoAdminsApprovingAtOnceMoveTheMoneyOnce() throws Exception {
        var third = newUser("third-admin");
        grantRoles(third.id(), "customer", "admin");
        var approvalId = cash("deposits", maker, 2 * LARGE, UUID.randomUUID().toString()).json().path("approvalId")
                .asString();
        var pool = Executors.newFixedThreadPool(6);
        var tasks = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < 6; i++) {
            var who = i % 2 == 0 ? checker : third;
            tasks.add(() -> decide(who, approvalId, "approve"));
        }
        var answers = new ArrayList<Api.Response>();
        for (var future : pool.invokeAll(tasks)) {
            answers.add(future.get());
        }
        pool.shutdown();
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
        assertThat(answers.stream().map(a -> a.json().path("transferId").asString()).distinct()).hasSize(1);
        assertThat(balance()).isEqualTo(2 * LARGE);
        assertThat(jdbc.sql("SELECT count(*) FROM transfers WHERE to_account_id = :id").param("id", account)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRejectedWithdrawalMovesNothing() {
        var deposit = cash("deposits", maker, LARGE, UUID.randomUUID().toString());
        decide(checker, deposit.json().path("approvalId").asString(), "approve");
        var asked = cash("withdrawals", maker, LARGE, UUID.randomUUID().toString());
        assertThat(asked.status()).isEqualTo(202);
        var approvalId = asked.json().path("approvalId").asString();
        var rejected = decide(checker, approvalId, "reject");
        assertThat(rejected.json().path("status").asString()).isEqualTo("rejected");
        assertThat(decide(checker, approvalId, "reject").status()).as("idempotent").isEqualTo(200);
        assertThat(decide(checker, approvalId, "approve").code()).isEqualTo("approval_not_pending");
        assertThat(balance()).isEqualTo(LARGE);
        assertThat(api.get("/api/v1/admin/approvals?status=rejected").token(maker.token()).send().body())
                .contains(approvalId);
    }

    @Test
    void belowTheThresholdOneAdminIsEnough() {
        var small = cash("deposits", maker, LARGE - 1, UUID.randomUUID().toString());
        assertThat(small.status()).isEqualTo(201);
        assertThat(balance()).isEqualTo(LARGE - 1);
    }

    @Test
    void onlyAdminsSeeApprovalsAndBadInputIsRefused() {
        var approvalId = cash("deposits", maker, LARGE, UUID.randomUUID().toString()).json().path("approvalId")
                .asString();
        for (var call : List.of(api.get("/api/v1/admin/approvals").token(customer.token()),
                api.post("/api/v1/admin/approvals/" + approvalId + "/approve").token(customer.token()),
                api.post("/api/v1/admin/approvals/" + approvalId + "/reject").token(customer.token()))) {
            assertThat(call.send().status()).isEqualTo(403);
        }
        assertThat(decide(checker, "apr_aaaaaaaaaaaaaaaaaaaaaaaaaa", "approve").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/admin/approvals?status=bogus").token(checker.token()).send().status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/admin/approvals?limit=0").token(checker.token()).send().status()).isEqualTo(400);
        assertThat(cash("deposits", maker, LARGE, "k".repeat(256)).status()).isEqualTo(400);
        assertThat(balance()).isZero();
        assertThat(api.get("/api/v1/admin/approvals?status=pending").token(checker.token()).send().body())
                .contains(approvalId);
    }

    private Api.Response cash(String what, TestUser admin, long amount, String key) {
        return api.post("/api/v1/admin/accounts/" + account + "/" + what).token(admin.token())
                .header("Idempotency-Key", key).json(Map.of("amount", amount, "reference", "four eyes")).send();
    }

    private Api.Response decide(TestUser admin, String approvalId, String how) {
        return api.post("/api/v1/admin/approvals/" + approvalId + "/" + how).token(admin.token()).send();
    }

    private long balance() {
        return jdbc.sql("SELECT ledger_balance FROM accounts WHERE id = :id").param("id", account).query(Long.class)
                .single();
    }
}
