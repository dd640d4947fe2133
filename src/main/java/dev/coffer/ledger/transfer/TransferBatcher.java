package dev.coffer.ledger.transfer;

import dev.coffer.ledger.LedgerProperties;
import dev.coffer.ledger.engine.LedgerEngine;
import dev.coffer.ledger.engine.Operation;
import dev.coffer.ledger.engine.Outcome;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.db.DatabaseUnavailable;
import dev.coffer.platform.idempotency.IdempotencyKey;
import dev.coffer.platform.idempotency.IdempotencyStore;
import dev.coffer.platform.idempotency.IdempotencyStore.Claim;
import dev.coffer.platform.idempotency.IdempotentExecutor;
import dev.coffer.platform.idempotency.StoredResponse;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for money movements: requests queue up while the previous batch commits, and the next batch takes
 * them all (up to {@code max-batch}) into one transaction and one fsync. Inside, each request is checked against
 * the running balances, so a refused one never fails its neighbours; idempotency keys are claimed and their answers
 * stored in the same transaction as the money. The queue is bounded: when full, callers get 503 + Retry-After.
 *
 * <p>A request carries one operation (a transfer) or many (a bulk request): a request is never split, so all the
 * operations of a bulk request commit together, each still applied or refused on its own, and its one answer (all
 * the results) is stored under its one key. A batch takes whole requests up to {@code max-batch} operations (or
 * one request, however large).
 *
 * <p>Should a batch fail as a whole (a bug or a database error), its requests are retried one by one, so one
 * poisoned request cannot take others down with it. A lost database is the exception: the whole batch is answered
 * 503 at once (nothing of it is visible unless its commit succeeded, and then a retry gets the stored answer).
 */
@Component
public class TransferBatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TransferBatcher.class);

    private final LedgerEngine engine;
    private final IdempotencyStore idempotency;
    private final TransferResponses responses;
    private final TransactionTemplate tx;
    private final BlockingQueue<Request> queue;
    private final int maxBatch;
    private final Duration answerTimeout;
    private final DistributionSummary batchSizes;
    private final Timer batchTimer;
    private volatile boolean running;
    private Thread worker;

    TransferBatcher(LedgerEngine engine, IdempotencyStore idempotency, TransferResponses responses,
            TransactionTemplate tx, MeterRegistry meters,
            LedgerProperties properties) {
        this.engine = engine;
        this.idempotency = idempotency;
        this.responses = responses;
        this.tx = tx;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.maxBatch = properties.maxBatch();
        this.answerTimeout = properties.answerTimeout();
        this.batchSizes = DistributionSummary.builder("coffer.ledger.batch.size")
                .description("requests per group-commit batch").publishPercentileHistogram().register(meters);
        this.batchTimer = Timer.builder("coffer.ledger.batch.duration")
                .description("time to apply and commit one batch").publishPercentileHistogram().register(meters);
        meters.gauge("coffer.ledger.queue.depth", queue, BlockingQueue::size);
    }

    /** What the caller gets: the answer to send, and whether it is a replay of a stored one. */
    public record Result(StoredResponse response, boolean replayed) {
    }

    /**
     * What a request asks: its operations, its key, and how its answer is rendered from their outcomes (one per
     * operation, in order). Rendering runs inside the batch's transaction; the answer is stored with the key.
     */
    private record Request(List<Operation.PostTransfer> operations, IdempotencyKey key,
            Function<List<Outcome>, StoredResponse> render, CompletableFuture<Result> answer) {
    }

    /** Queues a transfer and waits for its batch to commit. */
    public Result submit(Operation.PostTransfer operation, IdempotencyKey key) {
        return submitAll(List.of(operation), key, outcomes -> responses.render(outcomes.getFirst()));
    }

    /**
     * Queues several transfers as one request (all in one transaction, each applied or refused on its own) and
     * waits for its batch to commit; {@code render} turns their outcomes, in order, into the one stored answer.
     */
    public Result submitAll(List<Operation.PostTransfer> operations, IdempotencyKey key,
            Function<List<Outcome>, StoredResponse> render) {
        var request = new Request(List.copyOf(operations), key, render, new CompletableFuture<>());
        if (!running || !queue.offer(request)) {
            throw busy();
        }
        try {
            return request.answer().get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ApiException busy() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "ledger_busy",
                "The ledger is busy; retry shortly with the same Idempotency-Key", Duration.ofSeconds(1));
    }

    private void run() {
        var batch = new ArrayList<Request>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                var first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                takeMore(batch, first.operations().size());
                process(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("ledger batch loop error", e);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Adds queued requests while the batch stays within {@code max-batch} operations. Only this thread takes from
     * the queue, so the request peeked at is the one polled.
     */
    private void takeMore(List<Request> batch, int operations) {
        for (var next = queue.peek(); next != null && operations + next.operations().size() <= maxBatch;
                next = queue.peek()) {
            batch.add(queue.poll());
            operations += next.operations().size();
        }
    }

    private void process(List<Request> batch) {
        batchSizes.record(batch.size());
        Map<Request, Result> results;
        try {
            results = batchTimer.record(() -> tx.execute(status -> apply(batch)));
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCauseOf(e)) {
                // The connection is gone (failover, restart, partition): the transaction rolled back, or its commit
                // is in doubt. Retrying one by one would only wait for a connection once per request while callers
                // wait too; answer them all at once (503) and let them resend with their Idempotency-Key, which
                // finds the stored answer if the commit did happen.
                log.warn("batch of {} failed, database unavailable ({}); answering 503", batch.size(), e.toString());
                batch.forEach(request -> request.answer().completeExceptionally(e));
                return;
            }
            if (batch.size() > 1) {
                log.warn("batch of {} failed ({}); retrying its requests one by one", batch.size(), e.toString());
                for (var request : batch) {
                    process(List.of(request));
                }
            } else {
                batch.getFirst().answer().completeExceptionally(e);
            }
            return;
        }
        batch.forEach(request -> request.answer().complete(results.get(request)));
    }

    /** One batch, inside one transaction. */
    private Map<Request, Result> apply(List<Request> batch) {
        var results = new IdentityHashMap<Request, Result>();
        var firsts = new LinkedHashMap<String, Request>();
        var duplicates = new ArrayList<Request>();
        for (var request : batch) {
            if (firsts.putIfAbsent(request.key().identity(), request) != null) {
                duplicates.add(request);
            }
        }
        var unique = new ArrayList<>(firsts.values());
        var claims = idempotency.claimAll(unique.stream().map(Request::key).toList());
        var fresh = new ArrayList<Request>();
        for (int i = 0; i < unique.size(); i++) {
            var request = unique.get(i);
            switch (claims.get(i)) {
                case Claim.Fresh f -> fresh.add(request);
                case Claim.Replay replay -> results.put(request, new Result(replay.response(), true));
                case Claim.Mismatch m -> results.put(request, refusal(IdempotentExecutor.reused()));
                case Claim.InFlight f -> results.put(request, refusal(IdempotentExecutor.inUse()));
            }
        }
        var operations = fresh.stream().flatMap(r -> r.operations().stream()).<Operation>map(o -> o).toList();
        var outcomes = engine.apply(operations);
        if (outcomes.size() != operations.size()) {
            throw new IllegalStateException(outcomes.size() + " outcomes for " + operations.size() + " operations");
        }
        var stored = new ArrayList<StoredResponse>(fresh.size());
        int next = 0;
        for (var request : fresh) {
            int count = request.operations().size();
            var response = request.render().apply(outcomes.subList(next, next + count));
            next += count;
            stored.add(response);
            results.put(request, new Result(response, false));
        }
        idempotency.recordAll(fresh.stream().map(Request::key).toList(), stored);
        answerDuplicates(duplicates, firsts, results);
        // Every request of the batch gets exactly one answer, or its caller would wait out the timeout for nothing.
        if (results.size() != batch.size()) {
            throw new IllegalStateException("answers for " + results.size() + " of " + batch.size() + " requests");
        }
        return results;
    }

    /** A request whose twin (same key) is in this batch gets the twin's answer as a replay, if it asked the same. */
    private void answerDuplicates(List<Request> duplicates, Map<String, Request> firsts, Map<Request, Result> results) {
        for (var duplicate : duplicates) {
            var first = firsts.get(duplicate.key().identity());
            var firstResult = results.get(first);
            boolean same = duplicate.key().sameRequestAs(first.key().fingerprint());
            results.put(duplicate, same ? new Result(firstResult.response(), true)
                    : refusal(IdempotentExecutor.inUse()));
        }
    }

    private Result refusal(ApiException e) {
        return new Result(responses.problem(e), false);
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("ledger-batcher").daemon().start(this::run);
    }

    /** Stops taking requests, then finishes every queued one before returning (graceful shutdown). */
    @Override
    public void stop() {
        running = false;
        try {
            worker.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Anything that slipped in after the last batch is answered rather than left waiting.
        for (var late = queue.poll(); late != null; late = queue.poll()) {
            late.answer().completeExceptionally(busy());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop after the web server has finished its in-flight requests (they wait on this batcher). */
    @Override
    public int getPhase() {
        return 0;
    }
}
