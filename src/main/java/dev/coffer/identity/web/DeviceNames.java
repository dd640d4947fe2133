package dev.coffer.identity.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sessions and devices in words people recognise ("Chromium on Linux", "Coffer bench"), not raw User-Agent strings,
 * and addresses without IPv6 noise ("this computer" for loopback). Only for display: nothing decides on these words.
 */
public final class DeviceNames {

    /** The templates call it as {@code ${deviceNames.describe(…)}}. */
    static final DeviceNames INSTANCE = new DeviceNames();

    /** Checked in order: Edge and Chrome also claim Safari, Chromium builds also claim Chrome. */
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("coffer-bench", "Coffer bench"), Map.entry("edg/", "Edge"), Map.entry("opr/", "Opera"),
            Map.entry("firefox/", "Firefox"), Map.entry("headlesschrome/", "Chromium"),
            Map.entry("chromium/", "Chromium"), Map.entry("chrome/", "Chrome"), Map.entry("safari/", "Safari"),
            Map.entry("curl/", "curl"), Map.entry("java-http-client", "a Java program"),
            Map.entry("python", "a Python program"), Map.entry("node", "a Node.js program"));

    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("android", "Android"), Map.entry("iphone", "iPhone"), Map.entry("ipad", "iPad"),
            Map.entry("windows", "Windows"), Map.entry("mac os x", "macOS"), Map.entry("cros", "ChromeOS"),
            Map.entry("linux", "Linux"));

    private DeviceNames() {
    }

    public String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        var ua = userAgent.toLowerCase(Locale.ROOT);
        var browser = firstMatch(BROWSERS, ua);
        var system = firstMatch(SYSTEMS, ua);
        if (browser == null) {
            return system == null ? "Unknown device" : "A browser on " + system;
        }
        return system == null ? browser : browser + " on " + system;
    }

    public String address(String ip) {
        if (ip == null || ip.isBlank()) {
            return "unknown";
        }
        return switch (ip) {
            case "127.0.0.1", "0:0:0:0:0:0:0:1", "::1" -> "this computer";
            default -> ip;
        };
    }

    private static String firstMatch(List<Map.Entry<String, String>> table, String ua) {
        return table.stream().filter(e -> ua.contains(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
