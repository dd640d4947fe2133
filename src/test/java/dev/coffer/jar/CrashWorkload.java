package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One kind of money-moving client traffic in the crash test. Each intent has an idempotency key; one in ten is sent
 * twice; what gets no answer waits for {@link #retryUnanswered} after the last restart, and every answer a key ever
 * got must be the same.
 *
 * @param <I> what a client means to do (sent again, unchanged, on every retry)
 */
abstract class CrashWorkload<I> {

    protected final Map<String, CrashIT.Answer> answers = new ConcurrentHashMap<>();
    protected final Map<String, I> intents = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<I> unanswered = new ConcurrentLinkedQueue<>();

    /** A new intent, or null to skip this round. */
    abstract I next(Random random);

    abstract String key(I intent);

    /** One attempt; null when the server gave no answer (it was killed, or is starting). */
    abstract CrashIT.Answer send(I intent);

    /** One client: sends until told to stop, paced, backing off when the server does not answer. */
    final void runClient(Random random, BooleanSupplier running, AtomicInteger sent) {
        while (running.getAsBoolean()) {
            var intent = next(random);
            if (intent == null) {
                continue;
            }
            intents.put(key(intent), intent);
            CrashIT.pause(CrashIT.PACE_MILLIS);
            for (int attempt = random.nextInt(10) == 0 ? 2 : 1; attempt > 0; attempt--) {
                sent.incrementAndGet();
                var answer = send(intent);
                if (answer == null) {
                    unanswered.add(intent);
                    CrashIT.pause(CrashIT.BACK_OFF_MILLIS); // the server is down or starting: back off, as clients do
                    break;
                }
                CrashIT.record(answers, key(intent), answer);
            }
        }
    }

    final void retryUnanswered(long seed) {
        for (var intent = unanswered.poll(); intent != null; intent = unanswered.poll()) {
            var answer = send(intent);
            assertThat(answer).as("retry of %s after restart (seed %d)", key(intent), seed).isNotNull();
            CrashIT.record(answers, key(intent), answer);
        }
    }

    final int keys() {
        return answers.size();
    }
}
