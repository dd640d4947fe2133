package dev.coffer.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Pages and styles travel compressed to browsers that accept it; nobody else gets gzip they did not ask for. */
class CompressionTest extends IntegrationTest {

    @Test
    void stylesAndPagesAreGzippedWhenAsked() {
        var css = api.get("/css/coffer.css").header("Accept-Encoding", "gzip").send();
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Encoding")).isEqualTo("gzip");
        var page = api.get("/login").header("Accept", "text/html").header("Accept-Encoding", "gzip").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void nothingIsCompressedForAClientThatDoesNotAsk() {
        var css = api.get("/css/coffer.css").send();
        assertThat(css.header("Content-Encoding")).isNull();
        assertThat(css.body()).contains("box-sizing");
    }
}
