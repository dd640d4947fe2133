package dev.coffer.platform.testclock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.support.Api;
import dev.coffer.support.ExtraNode;
import dev.coffer.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test clock: off (404) unless switched on; on a node started with {@code coffer.test-clock=true} an admin moves
 * time forward, tokens follow, the offset is stored (a restarted node keeps it) and time never goes back.
 */
class TestClockTest extends IntegrationTest {

    private static ExtraNode clockNode;

    @BeforeAll
    static void startTestClockNode() {
        clockNode = ExtraNode.start("clock", "coffer.test-clock=true");
    }

    @AfterAll
    static void stopTestClockNode() {
        if (clockNode != null) {
            clockNode.close();
        }
    }

    @Test
    void withoutTheSwitchTheTestClockIsNotThere() {
        var admin = admin(api);
        assertThat(api.get("/api/v1/admin/test-clock").token(admin.token()).send().status()).isEqualTo(404);
        var post = api.post("/api/v1/admin/test-clock").token(admin.token()).json(Map.of("advanceBy", "P1M")).send();
        assertThat(post.status()).as(post.toString()).isEqualTo(404);
        assertThat(post.code()).isEqualTo("not_found");
    }

    @Test
    void anAdminMovesTimeForwardByCalendarMonthsAndDurations() {
        var node = clockNode.api();
        var admin = admin(node);
        var before = now(node, admin.token());
        assertThat(before).isAfterOrEqualTo(Instant.now().minusSeconds(1));

        var month = node.post("/api/v1/admin/test-clock").token(admin.token()).json(Map.of("advanceBy", "P1M")).send();
        assertThat(month.status()).as(month.toString()).isEqualTo(200);
        var afterMonth = Instant.parse(month.json().path("now").asString());
        var expected = before.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        assertThat(afterMonth).isBetween(expected, expected.plusSeconds(30));

        var again = loginOn(node, admin);
        var hours = node.post("/api/v1/admin/test-clock").token(again.token()).json(Map.of("advanceBy", "pt2h"))
                .send();
        assertThat(hours.status()).as(hours.toString()).isEqualTo(200);
        assertThat(Instant.parse(hours.json().path("now").asString()))
                .isBetween(afterMonth.plus(Duration.ofHours(2)), afterMonth.plus(Duration.ofHours(2)).plusSeconds(30));
    }

    @Test
    void tokensExpireOnTheMovedClock() {
        var node = clockNode.api();
        var admin = admin(node);
        var user = loginOn(node, newUser("traveller"));
        assertThat(node.get("/api/v1/me").token(user.token()).send().status()).isEqualTo(200);

        var moved = node.post("/api/v1/admin/test-clock").token(admin.token()).json(Map.of("advanceBy", "PT16M"))
                .send();
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(node.get("/api/v1/me").token(user.token()).send().status())
                .as("a 15-minute access token is dead 16 minutes later").isEqualTo(401);
    }

    @Test
    void timeOnlyMovesForwardAndBadInputChangesNothing() {
        var node = clockNode.api();
        var admin = admin(node);
        var offsetBefore = storedOffset();
        for (var bad : new String[] {"P0D", "-P1M", "P-1D", "PT-5M", "1 month", "P1X", "P3000Y", ""}) {
            var refused = node.post("/api/v1/admin/test-clock").token(admin.token()).json(Map.of("advanceBy", bad))
                    .send();
            assertThat(refused.status()).as(bad + " → " + refused).isIn(400, 422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        var notJson = node.post("/api/v1/admin/test-clock").token(admin.token()).json(Map.of("advanceBy", 5)).send();
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(storedOffset()).isEqualTo(offsetBefore);
        assertThatThrownBy(() -> jdbc.sql("UPDATE test_clock SET offset_micros = offset_micros - 1").update())
                .hasMessageContaining("only moves forward");
    }

    @Test
    void onlyAdminsMoveTheClock() {
        var node = clockNode.api();
        var user = loginOn(node, newUser("nobody"));
        var refused = node.post("/api/v1/admin/test-clock").token(user.token()).json(Map.of("advanceBy", "P1D"))
                .send();
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void theOffsetIsStoredSoAnotherNodeAndARestartKeepIt() {
        var node = clockNode.api();
        var admin = admin(node);
        var moved = node.post("/api/v1/admin/test-clock").token(admin.token()).json(Map.of("advanceBy", "P2D"))
                .send();
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        var movedTo = Instant.parse(moved.json().path("now").asString());
        try (var second = ExtraNode.start("clock-2", "coffer.test-clock=true")) {
            var secondApi = second.api();
            var secondAdmin = loginOn(secondApi, admin);
            assertThat(now(secondApi, secondAdmin.token())).isBetween(movedTo, movedTo.plusSeconds(60));
        }
    }

    @Test
    void productionProfilesRefuseTheTestClock() {
        assertThatThrownBy(() -> ExtraNode.start("clock-prod", "coffer.test-clock=true",
                "spring.profiles.active=prod").close())
                .hasStackTraceContaining("coffer.test-clock=true is refused with the 'prod' profile active");
    }

    private long storedOffset() {
        return jdbc.sql("SELECT offset_micros FROM test_clock").query(Long.class).single();
    }

    private TestUser admin(Api node) {
        var admin = newUser("clock-admin");
        grantRoles(admin.id(), "customer", "admin");
        return loginOn(node, admin);
    }

    /** A fresh token from {@code node}: one issued on the real clock may already be dead on the test clock. */
    private static TestUser loginOn(Api node, TestUser user) {
        var session = node.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", user.password()))
                .send();
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        return new TestUser(user.id(), user.email(), user.password(), session.json().path("token").asString(),
                session.json().path("refreshToken").asString());
    }

    private static Instant now(Api node, String token) {
        var got = node.get("/api/v1/admin/test-clock").token(token).send();
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
        return Instant.parse(got.json().path("now").asString());
    }
}
