package dev.coffer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.coffer.platform.crypto.KeyRotation;
import dev.coffer.platform.crypto.MasterKeyring;
import dev.coffer.platform.crypto.SecretBox;
import dev.coffer.support.IntegrationTest;
import dev.coffer.support.TotpCodes;
import dev.coffer.support.WebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * TOTP seeds and webhook signing secrets are sealed at rest: no table and no file of the database holds them in
 * clear, secrets from before sealing are sealed at start, key rotation leaves every secret usable, and a node with
 * the wrong master key refuses to start.
 */
class SecretsAtRestTest extends IntegrationTest {

    @Test
    void noTableOrDataFileHoldsASecretInClear() throws Exception {
        var user = newUser("sealed");
        var totpSecret = enableTotp(user);
        var shop = newShop();
        String webhookSecret;
        try (var receiver = new WebhookReceiver()) {
            webhookSecret = api.post("/api/v1/webhook-endpoints").token(shop.apiKey)
                    .json(Map.of("url", receiver.url(), "events", List.of("payment.succeeded"))).send()
                    .json().path("secret").asString();
        }
        assertThat(jdbc.sql("SELECT totp_secret FROM users WHERE id = :id").param("id", user.id())
                .query(String.class).single()).startsWith("sealed:v1:").doesNotContain(totpSecret);
        jdbc.sql("CHECKPOINT").update();
        var dataDir = Path.of(System.getProperty("coffer.data-dir"), "postgres");
        assertThat(filesContaining(dataDir, user.email())).as("the scan finds what is stored in clear").isNotEmpty();
        assertThat(filesContaining(dataDir, totpSecret)).isEmpty();
        assertThat(filesContaining(dataDir, webhookSecret)).isEmpty();
    }

    @Test
    void secretsStoredInClearBeforeSealingAreSealedAtStartAndStillWork() throws Exception {
        var user = newUser("legacy");
        var totpSecret = enableTotp(user);
        jdbc.sql("UPDATE users SET totp_secret = :clear WHERE id = :id").param("clear", totpSecret)
                .param("id", user.id()).update();
        applicationContext.getBean("sealClearSecrets", org.springframework.boot.ApplicationRunner.class).run(null);
        assertThat(jdbc.sql("SELECT totp_secret FROM users WHERE id = :id").param("id", user.id())
                .query(String.class).single()).startsWith("sealed:v1:");
        assertLogsInWithTotp(user, totpSecret, 5);
    }

    @Test
    void rotationSealsEverythingAgainAndEverySecretStillWorks() throws Exception {
        var user = newUser("rotated");
        var totpSecret = enableTotp(user);
        var before = jdbc.sql("SELECT totp_secret FROM users WHERE id = :id").param("id", user.id())
                .query(String.class).single();
        var out = new ByteArrayOutputStream();
        assertThat(applicationContext.getBean(KeyRotation.class).rotate(new PrintStream(out, true))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("users.totp_secret").contains("old key was removed");
        var after = jdbc.sql("SELECT totp_secret FROM users WHERE id = :id").param("id", user.id())
                .query(String.class).single();
        assertThat(after).startsWith("sealed:v1:").isNotEqualTo(before);
        var keyring = applicationContext.getBean(MasterKeyring.class).load();
        assertThat(keyring.size()).isEqualTo(1);
        assertThat(new SecretBox(keyring).open(after, "totp:" + user.id())).isEqualTo(totpSecret);
        assertLogsInWithTotp(user, totpSecret, 3);
    }

    @Test
    void aWrongMasterKeyIsRefusedWithAClearMessage() throws Exception {
        var wrong = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        var config = Class.forName("dev.coffer.platform.crypto.KeyCheck");
        var check = config.getDeclaredConstructor(org.springframework.jdbc.core.simple.JdbcClient.class);
        check.setAccessible(true);
        var verify = config.getDeclaredMethod("verify", SecretBox.class, String.class);
        verify.setAccessible(true);
        var keyCheck = check.newInstance(jdbc);
        assertThatThrownBy(() -> {
            try {
                verify.invoke(keyCheck, new SecretBox(wrong), "COFFER_MASTER_KEY");
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }).hasMessageContaining("does not open this database's secrets").hasMessageContaining("COFFER_MASTER_KEY");
        var sealedByOther = new SecretBox(wrong).seal("x", "totp:usr_x");
        var mine = applicationContext.getBean(SecretBox.class);
        assertThatThrownBy(() -> mine.open(sealedByOther, "totp:usr_x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> mine.open(mine.seal("x", "totp:usr_a"), "totp:usr_b"))
                .as("a sealed value moved to another row does not open").isInstanceOf(IllegalStateException.class);
    }

    private String enableTotp(TestUser user) throws Exception {
        var secret = api.post("/api/v1/me/mfa/totp").token(user.token()).send().json().path("secret").asString();
        long step = clock.instant().getEpochSecond() / 30;
        assertThat(api.post("/api/v1/me/mfa/totp/confirm").token(user.token())
                .json(Map.of("code", TotpCodes.code(secret, step))).send().status()).isEqualTo(200);
        return secret;
    }

    private void assertLogsInWithTotp(TestUser user, String secret, int stepsAhead) throws Exception {
        long step = clock.instant().getEpochSecond() / 30;
        clock.advance(java.time.Duration.ofSeconds(30L * stepsAhead));
        var login = api.post("/api/v1/sessions").json(Map.of("email", user.email(), "password", PASSWORD,
                "totp", TotpCodes.code(secret, step + stepsAhead))).send();
        assertThat(login.status()).as(login.toString()).isEqualTo(201);
    }

    private static List<Path> filesContaining(Path dir, String text) throws IOException {
        var needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> contains(file, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            var bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i <= bytes.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false; // a file PostgreSQL removed while we walked
        }
    }
}
