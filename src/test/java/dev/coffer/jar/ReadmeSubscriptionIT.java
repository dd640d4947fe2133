package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's subscription example, run as written against the jar with the test clock (as {@link ReadmeTourIT}
 * runs the curl tour): its bash block under "Subscriptions, standing orders and the test clock", pasted into one
 * bash from the repository root. It starts {@code target/coffer.jar} with {@code --coffer.test-clock=true}, creates
 * a price, pays a subscription checkout, moves the clock a month and waits for the second paid invoice, then five
 * months on until the subscription is {@code past_due}, and stops its Coffer. Passes when bash exits 0 under
 * {@code set -euo pipefail}, every answer the README shows appears in order, and the invoices say what it says.
 */
class ReadmeSubscriptionIT {

    static final String HEADING = "## Subscriptions, standing orders and the test clock";

    @Test
    void theSubscriptionExampleRunsAsWrittenAndAnswersWhatTheReadmeShows() throws Exception {
        var example = ReadmeTourIT.ReadmeTour.from(Files.readString(Path.of("README.md")), HEADING);
        assertThat(example.blocks()).as("the bash block of the subscription example").hasSize(1);
        assertThat(example.blocks().getFirst()).contains("--coffer.test-clock=true",
                "\\\"mode\\\":\\\"subscription\\\"",
                "/api/v1/admin/test-clock", "/api/v1/invoices?subscriptionId=");
        int port = ReadmeTourIT.freePort();
        var logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        var out = logs.resolve("readme-subscription-" + port + ".out");
        var err = logs.resolve("readme-subscription-" + port + ".err");
        var cofferLog = logs.resolve("readme-subscription-" + port + "-coffer.log").toAbsolutePath();

        var ran = ReadmeTourIT.run(ReadmeTourIT.script(example, cofferLog), port, out, err);

        var output = Files.readString(out);
        var diagnosis = "example output:\n" + output + "\nstderr:\n" + Files.readString(err) + "\nCoffer's log: "
                + cofferLog;
        assertThat(ran.exitCode()).as(diagnosis).isZero();
        assertThat(ran.serversLeft()).as("Coffer processes still running after the example stopped its own").isZero();
        assertThat(example.answers()).as("answers shown in the README").hasSizeGreaterThanOrEqualTo(4);
        ReadmeTourIT.assertAnswersInOrder(example.answers(), output.lines().toList(), diagnosis);
        var invoiceLists = output.lines().filter(line -> line.startsWith("{\"data\":[{\"id\":\"in_")).toList();
        assertThat(invoiceLists).as(diagnosis).hasSize(2);
        assertThat(count(invoiceLists.get(0), "\"status\":\"paid\"")).as("after a month: two paid").isEqualTo(2);
        assertThat(count(invoiceLists.get(1), "\"object\":\"invoice\"")).as("six periods billed").isEqualTo(6);
        assertThat(count(invoiceLists.get(1), "\"status\":\"paid\"")).as("five of them paid").isEqualTo(5);
        assertThat(count(invoiceLists.get(1), "\"status\":\"open\"")).as("the sixth open").isEqualTo(1);
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }
}
