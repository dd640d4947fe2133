package dev.coffer.cli.bench;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Password logins (Argon2id m=19 MiB, t=2, p=1). Its anchor, measured here first: raw Argon2id hashes per second on
 * this machine's cores, with the same parameters. The server must allow the rate from one address
 * ({@code --coffer.identity.logins-per-ip-per-minute}), or 429s show up as errors.
 */
final class LoginsScenario implements Scenario {

    private List<Population.User> users;
    private double rawHashesPerSecond;

    @Override
    public void setUp(BenchClient client, BenchOptions options) throws Exception {
        users = Population.create(client, Math.min(options.clients(), 64), "logins");
        rawHashesPerSecond = rawArgon2Rate();
        System.err.printf("anchor: raw Argon2id on %d threads: %.1f hashes/s%n",
                Runtime.getRuntime().availableProcessors(), rawHashesPerSecond);
    }

    double rawHashesPerSecond() {
        return rawHashesPerSecond;
    }

    @Override
    public Outcome call(BenchClient client, SplittableRandom random) {
        var user = users.get(random.nextInt(users.size()));
        var answer = client.post("/api/v1/sessions", null, false,
                Map.of("email", user.email(), "password", Population.PASSWORD));
        return answer.status() == 201 ? Outcome.OK : Outcome.ERROR;
    }

    /**
     * Hashes with every core: five seconds to warm up (JIT and heap sizing: the rate still climbs ~15 % over the
     * first seconds of a fresh JVM), then ten measured seconds. The steady rate is the honest anchor.
     */
    static double rawArgon2Rate() throws InterruptedException {
        var encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
        var hash = encoder.encode("warm up the encoder");
        hashOnEveryCore(encoder, hash, 5);
        return hashOnEveryCore(encoder, hash, 10);
    }

    private static double hashOnEveryCore(Argon2PasswordEncoder encoder, String hash, int seconds)
            throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        var counts = new long[threads];
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int slot = t;
            workers[t] = Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < deadline) {
                    encoder.matches("bench passphrase that is long", hash);
                    counts[slot]++;
                }
            });
        }
        for (var worker : workers) {
            worker.join();
        }
        return (double) java.util.Arrays.stream(counts).sum() / seconds;
    }
}
