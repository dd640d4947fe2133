package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The crash test's transfer traffic: customers move money between twelve accounts; one request in ten is sent twice
 * with the same key. Afterwards every key answers as it did, and each balance is exactly what the answers imply.
 */
final class TransferWorkload extends CrashWorkload<TransferWorkload.Intent> {

    // Under the four-eyes threshold (1,000,000): one admin funds it.
    static final long FUNDS = 999_000;

    record Intent(String key, String token, String from, String to, long amount) {
    }

    private final JarClient client;
    private final List<String[]> accounts = new ArrayList<>();

    TransferWorkload(JarClient client) {
        this.client = client;
    }

    /** Four customers with three funded accounts each; {@code prefix} keeps the emails of separate runs apart. */
    void setUp(String adminToken, String prefix) throws Exception {
        for (int u = 0; u < 4; u++) {
            var email = prefix + "-" + u + "@example.com";
            client.required("/api/v1/users", null, null, Map.of("email", email, "password", CrashIT.PASSWORD,
                    "displayName", "C" + u));
            var token = client.login(email, CrashIT.PASSWORD);
            for (int a = 0; a < 3; a++) {
                var id = client.required("/api/v1/accounts", token, null, Map.of("currency", "EUR", "name", "A"))
                        .path("id").asString();
                client.required("/api/v1/admin/accounts/" + id + "/deposits", adminToken,
                        UUID.randomUUID().toString(), Map.of("amount", FUNDS, "reference", "crash test"));
                accounts.add(new String[] {id, token});
            }
        }
    }

    /** The accounts, each as {id, owner's token}. */
    List<String[]> accounts() {
        return accounts;
    }

    @Override
    Intent next(Random random) {
        var from = accounts.get(random.nextInt(accounts.size()));
        var to = accounts.get(random.nextInt(accounts.size()));
        return from == to ? null
                : new Intent(UUID.randomUUID().toString(), from[1], from[0], to[0], 1 + random.nextInt(20_000));
    }

    @Override
    String key(Intent intent) {
        return intent.key();
    }

    /** Every key answers again what it answered before; every balance is what the acknowledged transfers imply. */
    void check(long seed) throws Exception {
        CrashIT.checkEach(answers.entrySet(), entry -> {
            var again = send(intents.get(entry.getKey()));
            assertThat(again).as("replay of %s (seed %d)", entry.getKey(), seed).isEqualTo(entry.getValue());
        });
        var expected = new HashMap<String, Long>();
        accounts.forEach(a -> expected.put(a[0], FUNDS));
        answers.forEach((key, answer) -> {
            if (answer.status() == 201) {
                var intent = intents.get(key);
                expected.merge(intent.from(), -intent.amount(), Long::sum);
                expected.merge(intent.to(), intent.amount(), Long::sum);
            }
        });
        for (var account : accounts) {
            var actual = client.getJson("/api/v1/accounts/" + account[0], account[1]).path("balance").path("ledger")
                    .asLong();
            assertThat(actual).as("balance of %s (seed %d)", account[0], seed).isEqualTo(expected.get(account[0]));
        }
    }

    @Override
    CrashIT.Answer send(Intent intent) {
        return send(client, intent);
    }

    /** One transfer attempt; null when the server gave no answer (it was killed, or is starting). */
    static CrashIT.Answer send(JarClient client, Intent intent) {
        try {
            var response = client.post("/api/v1/transfers", intent.token(), intent.key(), Map.of("fromAccountId",
                    intent.from(), "toAccountId", intent.to(), "amount", intent.amount(), "currency", "EUR"));
            return CrashIT.answerOf(response);
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }
}
