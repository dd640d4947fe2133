package dev.coffer.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceNamesTest {

    private final DeviceNames names = DeviceNames.INSTANCE;

    @Test
    void userAgentsBecomeWordsPeopleRecognise() {
        assertThat(names.describe("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "HeadlessChrome/142.0.0.0 Safari/537.36")).isEqualTo("Chromium on Linux");
        assertThat(names.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0")).isEqualTo("Edge on Windows");
        assertThat(names.describe("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1")).isEqualTo("Safari on iPhone");
        assertThat(names.describe("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0"))
                .isEqualTo("Firefox on macOS");
        assertThat(names.describe("coffer-bench/1")).isEqualTo("Coffer bench");
        assertThat(names.describe("curl/8.14.1")).isEqualTo("curl");
        assertThat(names.describe(null)).isEqualTo("Unknown device");
        assertThat(names.describe("something odd")).isEqualTo("Unknown device");
    }

    @Test
    void loopbackIsThisComputer() {
        assertThat(names.address("0:0:0:0:0:0:0:1")).isEqualTo("this computer");
        assertThat(names.address("127.0.0.1")).isEqualTo("this computer");
        assertThat(names.address("203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
