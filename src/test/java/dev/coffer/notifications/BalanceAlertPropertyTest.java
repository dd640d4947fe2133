package dev.coffer.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.notifications.alert.BalanceAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hysteresis, checked against its definition on seeded random balance walks: an alert fires exactly when the
 * balance goes from its side of the line to the other side, and walking a path in pieces (one ledger transaction
 * after another) fires the same as walking it whole.
 */
class BalanceAlertPropertyTest {

    @Test
    void firesOncePerCrossingWhetherWalkedWholeOrInPieces() {
        long seed = Long.getLong("coffer.seed", System.nanoTime());
        var random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            long below = random.nextInt(1_000);
            long above = below + 1 + random.nextInt(1_000);
            long start = random.nextInt(2_500);
            var path = new ArrayList<Long>();
            long balance = start;
            for (int step = 0, steps = random.nextInt(60); step < steps; step++) {
                balance = Math.max(0, balance + random.nextInt(700) - 350);
                path.add(balance);
            }
            var alert = new BalanceAlert("alr_x", "acc_x", "usr_x", below, above, start >= below, start <= above,
                    Instant.EPOCH);
            var whole = alert.walk(path);
            assertThat(whole.crossings()).as("seed %d round %d", seed, round)
                    .hasSize(expectedCrossings(start, path, below, above));

            var pieces = new ArrayList<BalanceAlert.Crossing>();
            var state = alert;
            for (int from = 0; from < path.size(); ) {
                int to = Math.min(path.size(), from + 1 + random.nextInt(5));
                var walk = state.walk(path.subList(from, to));
                pieces.addAll(walk.crossings());
                state = walk.after();
                from = to;
            }
            assertThat(pieces).as("seed %d round %d", seed, round).hasSameSizeAs(whole.crossings());
            assertThat(state).isEqualTo(whole.after());
        }
    }

    /** Counted from the definition: the side of each line changes from "at or past it" to "beyond it". */
    private static int expectedCrossings(long start, List<Long> path, long below, long above) {
        int crossings = 0;
        long previous = start;
        for (long now : path) {
            if (previous >= below && now < below) {
                crossings++;
            }
            if (previous <= above && now > above) {
                crossings++;
            }
            previous = now;
        }
        return crossings;
    }
}
