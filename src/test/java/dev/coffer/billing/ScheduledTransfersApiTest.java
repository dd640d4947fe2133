package dev.coffer.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffer.billing.scheduling.DueWork;
import dev.coffer.ledger.LedgerVerifier;
import dev.coffer.support.Api;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.TestMailServer;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Standing orders over HTTP with the movable clock: runs at their times on the persistent scheduler, a run refused
 * for funds is recorded failed and the order goes on, cancel stops it, each occurrence moves money once even when
 * run concurrently, and the usual refusals.
 */
class ScheduledTransfersApiTest extends IntegrationTest {

    @Autowired
    private List<DueWork> works;

    @Autowired
    private LedgerVerifier verifier;

    private final Map<String, TestUser> fresh = new HashMap<>();

    @Test
    void aMonthlyOrderRunsEachMonthThenCompletes() {
        var shop = newShop();
        var ann = newUser("ann");
        var bob = newUser("bob");
        var from = shop.fundedAccount(ann, "EUR", 100_000);
        var to = shop.fundedAccount(bob, "EUR", 0);
        var start = clock.instant().plus(Duration.ofHours(1));
        var created = create(ann, Map.of("fromAccountId", from, "toAccountId", to, "amount", 12_500,
                "currency", "EUR", "description", "Rent", "startAt", start.toString(), "interval", "month",
                "count", 3));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var id = created.json().path("id").asString();
        assertThat(id).startsWith("st_");
        assertThat(created.json().path("status").asString()).isEqualTo("active");
        assertThat(Instant.parse(created.json().path("nextRunAt").asString())).isEqualTo(start);

        sleepThenCheck(() -> assertThat(runs(ann, id)).as("nothing before startAt").isEmpty());
        clock.advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(15)).until(() -> runs(ann, id).size() == 1);
        clock.advance(Duration.ofDays(31));
        await().atMost(Duration.ofSeconds(15)).until(() -> runs(ann, id).size() == 2);
        clock.advance(Duration.ofDays(62));
        await().atMost(Duration.ofSeconds(15)).until(() -> runs(ann, id).size() == 3);

        var runs = runs(ann, id);
        assertThat(runs).extracting(run -> run.get("status")).containsOnly("posted");
        assertThat(runs.get(0).get("at")).isEqualTo(start.atOffset(ZoneOffset.UTC).plusMonths(2).toInstant()
                .toString());
        assertThat(shop.balance(fresh(bob).token(), to, "available")).isEqualTo(37_500);
        assertThat(shop.balance(fresh(ann).token(), from, "available")).isEqualTo(100_000 - 37_500);
        var transfer = api.get("/api/v1/transfers/" + runs.get(2).get("transferId")).token(fresh(ann).token()).send();
        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(200);
        assertThat(transfer.json().path("kind").asString()).isEqualTo("transfer");

        var listed = api.get("/api/v1/scheduled-transfers").token(fresh(ann).token()).send();
        assertThat(listed.json().path("data").get(0).path("status").asString()).isEqualTo("completed");
        assertThat(listed.json().path("data").get(0).path("nextRunAt").isNull()).isTrue();
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void aRunRefusedForFundsIsRecordedFailedAndTheOrderGoesOn() throws Exception {
        var shop = newShop();
        var ann = newUser("ann");
        var bob = newUser("bob");
        var from = shop.fundedAccount(ann, "EUR", 1_000);
        var to = shop.fundedAccount(bob, "EUR", 0);
        var created = create(ann, Map.of("fromAccountId", from, "toAccountId", to, "amount", 5_000,
                "currency", "EUR", "startAt", clock.instant().toString(), "interval", "week"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var id = created.json().path("id").asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> runs(ann, id).size() == 1);
        var failed = runs(ann, id).get(0);
        assertThat(failed.get("status")).isEqualTo("failed");
        assertThat(failed.get("code")).isEqualTo("insufficient_funds");
        assertThat(failed.get("transferId")).isNull();
        var subject = "Your standing order of 50.00 EUR was not paid";
        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(ann, subject).size() == 1);
        assertThat(text(mailsTo(ann, subject).getFirst())).contains("from account " + from + " to " + to,
                "was refused: there was not enough money on the account (insufficient_funds). Nothing was sent.",
                "The standing order goes on: its next payment is due on ", "/accounts/" + from);

        var deposit = api.post("/api/v1/admin/accounts/" + from + "/deposits").token(fresh(shop.admin).token())
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .json(Map.of("amount", 10_000, "reference", "top-up")).send();
        assertThat(deposit.status()).isEqualTo(201);
        clock.advance(Duration.ofDays(7));
        await().atMost(Duration.ofSeconds(15)).until(() -> runs(ann, id).size() == 2);
        assertThat(runs(ann, id).get(0).get("status")).isEqualTo("posted");
        assertThat(shop.balance(fresh(bob).token(), to, "available")).isEqualTo(5_000);
        assertThat(mailsTo(ann, subject)).as("a posted run mails nothing").hasSize(1);
        assertThat(mailsTo(bob, subject)).as("the payee is not told of the refusal").isEmpty();

        var canceled = api.delete("/api/v1/scheduled-transfers/" + id).token(fresh(ann).token()).send();
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.json().path("status").asString()).isEqualTo("canceled");
        clock.advance(Duration.ofDays(7));
        sleepThenCheck(() -> assertThat(runs(ann, id)).as("no run after cancel").hasSize(2));
    }

    @Test
    void concurrentRunsOfOneOrderMoveEachOccurrenceOnce() throws Exception {
        var shop = newShop();
        var ann = newUser("ann");
        var bob = newUser("bob");
        var from = shop.fundedAccount(ann, "EUR", 1_000_000);
        var to = shop.fundedAccount(bob, "EUR", 0);
        var start = clock.instant().plus(Duration.ofDays(400));
        var created = create(ann, Map.of("fromAccountId", from, "toAccountId", to, "amount", 100,
                "currency", "EUR", "startAt", start.toString(), "interval", "day", "count", 30));
        var id = created.json().path("id").asString();
        clock.advance(Duration.ofDays(400 + 40));
        var work = works.stream().filter(w -> w.taskName().equals("scheduled-transfer")).findFirst().orElseThrow();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var calls = new ArrayList<Callable<Object>>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> work.runDue(id));
            }
            for (var future : pool.invokeAll(calls)) {
                future.get();
            }
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> runs(ann, id).size() == 30);
        assertThat(runs(ann, id)).extracting(run -> run.get("status")).containsOnly("posted");
        assertThat(shop.balance(fresh(bob).token(), to, "available")).isEqualTo(3_000);
        assertThat(jdbc.sql("SELECT count(*) FROM transfers WHERE reference LIKE :ref").param("ref", id + "/%")
                .query(Long.class).single()).isEqualTo(30);
    }

    @Test
    void refusalsChangeNothing() {
        var shop = newShop();
        var ann = newUser("ann");
        var eve = newUser("eve");
        var from = shop.fundedAccount(ann, "EUR", 10_000);
        var usd = shop.fundedAccount(ann, "USD", 0);
        var evesAccount = shop.fundedAccount(eve, "EUR", 10_000);
        var now = clock.instant();
        Map<String, Object> good = Map.of("fromAccountId", from, "toAccountId", evesAccount, "amount", 100,
                "currency", "EUR", "startAt", now.plus(Duration.ofDays(1)).toString());
        var before = count("scheduled_transfers");

        assertThat(create(eve, with(good, "toAccountId", from, "fromAccountId", from)).code())
                .as("someone else's account").isEqualTo("not_found");
        assertThat(create(ann, with(good, "toAccountId", "acc_doesnotexist0000000000")).code())
                .isEqualTo("not_found");
        assertThat(create(ann, with(good, "toAccountId", from)).code()).isEqualTo("same_account");
        assertThat(create(ann, with(good, "toAccountId", usd)).code()).isEqualTo("currency_mismatch");
        assertThat(create(ann, with(good, "count", 3)).code()).as("a one-off runs once").isEqualTo("invalid_schedule");
        assertThat(create(ann, with(good, "startAt", now.minus(Duration.ofHours(1)).toString())).code())
                .isEqualTo("invalid_schedule");
        assertThat(create(ann, with(good, "startAt", now.plus(Duration.ofDays(4000)).toString())).code())
                .isEqualTo("invalid_schedule");
        for (var bad : List.of(with(good, "interval", "fortnight"), with(good, "amount", 0),
                with(good, "count", 0), with(good, "startAt", "tomorrow"), with(good, "currency", "eur"))) {
            var refused = create(ann, bad);
            assertThat(refused.status()).as(refused.toString()).isIn(400, 422);
        }
        assertThat(count("scheduled_transfers")).isEqualTo(before);

        var mine = create(ann, good).json().path("id").asString();
        assertThat(api.get("/api/v1/scheduled-transfers/" + mine + "/runs").token(eve.token()).send().status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/scheduled-transfers/" + mine).token(eve.token()).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/scheduled-transfers").token(eve.token()).send().json().path("data").size())
                .isZero();
        var keyCall = api.get("/api/v1/scheduled-transfers").token(shop.apiKey).send();
        assertThat(keyCall.status()).as("API keys may not send people's money").isEqualTo(403);
        assertThat(api.delete("/api/v1/scheduled-transfers/" + mine).token(ann.token()).send().status())
                .isEqualTo(200);
    }

    private Api.Response create(TestUser user, Map<String, ?> body) {
        return api.post("/api/v1/scheduled-transfers").token(user.token()).json(body).send();
    }

    /** The user with a token that is alive on the moved clock (access tokens live 15 minutes). */
    private TestUser fresh(TestUser user) {
        var known = fresh.get(user.id());
        if (known != null && api.get("/api/v1/me").token(known.token()).send().status() == 200) {
            return known;
        }
        var again = login(user.id(), user.email(), user.password());
        fresh.put(user.id(), again);
        return again;
    }

    private List<Map<String, String>> runs(TestUser user, String id) {
        var response = api.get("/api/v1/scheduled-transfers/" + id + "/runs").token(fresh(user).token()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var out = new ArrayList<Map<String, String>>();
        response.json().path("data").forEach(run -> {
            var map = new HashMap<String, String>();
            run.properties().forEach(field -> map.put(field.getKey(),
                    field.getValue().isNull() ? null : field.getValue().asString()));
            out.add(map);
        });
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        var copy = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            copy.put((String) pairs[i], pairs[i + 1]);
        }
        return copy;
    }

    /** Waits past a few scheduler polls, then checks that nothing happened. */
    private static void sleepThenCheck(Runnable check) {
        try {
            Thread.sleep(2_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check.run();
    }

    private static List<MimeMessage> mailsTo(TestUser user, String subject) {
        return TestMailServer.messagesTo(user.email()).stream().filter(m -> {
            try {
                return subject.equals(m.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The plain-text part of a mail, decoded. */
    private static String text(MimeMessage mail) throws MessagingException, IOException {
        if (!(mail.getContent() instanceof Multipart parts)) {
            return mail.getContent().toString();
        }
        var out = new StringBuilder();
        for (int i = 0; i < parts.getCount(); i++) {
            out.append(partText(parts.getBodyPart(i)));
        }
        return out.toString();
    }

    private static String partText(BodyPart part) throws MessagingException, IOException {
        if (part.getContent() instanceof Multipart nested) {
            var out = new StringBuilder();
            for (int i = 0; i < nested.getCount(); i++) {
                out.append(partText(nested.getBodyPart(i)));
            }
            return out.toString();
        }
        return part.isMimeType("text/plain") ? part.getContent().toString() : "";
    }
}
