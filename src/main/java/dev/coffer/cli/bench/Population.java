package dev.coffer.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates bench users (and their tokens) through the API, in parallel, with a progress line. */
final class Population {

    static final String PASSWORD = "bench passphrase that is long";
    /**
     * Sign-ups and logins at once: each costs an Argon2id hash, CPU-bound on the server's bounded hashing pool, so
     * more in flight only queue there.
     */
    static final int USERS_AT_ONCE = 8;

    record User(String email, String token) {
    }

    private Population() {
    }

    static List<User> create(BenchClient client, int count, String tag) throws InterruptedException {
        var users = new ConcurrentLinkedQueue<User>();
        var done = new AtomicInteger();
        var run = newRun();
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        try (var pool = Executors.newFixedThreadPool(USERS_AT_ONCE)) {
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    users.add(signUp(client, tag, run, n));
                    Progress.line("set-up: %d/%d users", done.incrementAndGet(), count);
                    return null;
                }));
            }
        }
        Progress.end();
        for (var future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }
        if (users.size() != count) {
            throw new IllegalStateException("only " + users.size() + " of " + count + " bench users were created");
        }
        return new ArrayList<>(users);
    }

    /** A tag for one bench run, so that the emails of this run's users are new to the server. */
    static String newRun() {
        return Long.toString(System.currentTimeMillis(), 36);
    }

    /** Signs user {@code n} of this run up and logs it in. */
    static User signUp(BenchClient client, String tag, String run, int n) {
        var email = "bench-" + tag + "-" + run + "-" + n + "@bench.coffer.dev";
        client.required("/api/v1/users", null, false,
                Map.of("email", email, "password", PASSWORD, "displayName", "Bench " + n));
        return new User(email, client.login(email, PASSWORD));
    }
}
