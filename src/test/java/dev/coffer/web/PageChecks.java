package dev.coffer.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every page must hold whatever its content: no sideways scrolling on a 390 px phone, and no serious or
 * critical accessibility violation as axe-core (the engine behind Lighthouse's accessibility audit) judges it.
 * Findings are collected, not thrown, so one run lists every page's problems at once.
 */
final class PageChecks {

    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    /** Serious and critical violations only, each as "rule (impact): help — first offending elements". */
    private static final String RUN_AXE = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']})
              .then(r => done(r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
                     + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['axe failed: ' + e]));
            """;

    private static final String AXE_SOURCE = loadAxe();

    private final ChromeDriver browser;
    private final List<String> findings = new ArrayList<>();

    PageChecks(ChromeDriver browser) {
        this.browser = browser;
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    /** Checks the page the browser shows now, at the size it has now; {@code label} names it in the findings. */
    void check(String label) {
        var widths = (List<?>) browser.executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth]");
        long scrollWidth = ((Number) widths.get(0)).longValue();
        long innerWidth = ((Number) widths.get(1)).longValue();
        if (scrollWidth > innerWidth) {
            findings.add(label + ": scrolls sideways (" + scrollWidth + " px of content in " + innerWidth + " px)"
                    + widestElements());
        }
        browser.executeScript(AXE_SOURCE);
        for (var violation : (List<?>) browser.executeAsyncScript(RUN_AXE)) {
            findings.add(label + ": " + violation);
        }
    }

    void resize(Dimension size) {
        browser.manage().window().setSize(size);
    }

    List<String> findings() {
        return List.copyOf(findings);
    }

    /** The elements that stick out to the right, so a finding says where to look. */
    private String widestElements() {
        var culprits = browser.executeScript("""
                const w = window.innerWidth;
                return [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > w + 1)
                  .slice(0, 4)
                  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                       + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '')
                       + ' right=' + Math.round(e.getBoundingClientRect().right));
                """);
        return " — " + culprits;
    }

    private static String loadAxe() {
        try (InputStream in = PageChecks.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
