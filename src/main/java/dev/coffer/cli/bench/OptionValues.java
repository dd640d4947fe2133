package dev.coffer.cli.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code --name=value} options of one bench command line, read by name with the checks every option needs. A
 * misspelt option is refused rather than ignored: a benchmark that silently ran with a default would be measured,
 * written down and compared before anyone noticed.
 */
final class OptionValues {

    private final Map<String, String> values = new HashMap<>();

    private OptionValues() {
    }

    /** Reads {@code args} (each {@code --name=value}); refuses names that are not in {@code known}. */
    static OptionValues parse(String[] args, int from, Set<String> known) {
        var options = new OptionValues();
        for (int i = from; i < args.length; i++) {
            var arg = args[i];
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("bad option " + arg + " (options are --name=value)");
            }
            var name = arg.substring(2, arg.indexOf('='));
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
            options.values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int positive(String name, int fallback) {
        int value = integer(name, fallback);
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return value;
    }

    int nonNegative(String name, int fallback) {
        int value = integer(name, fallback);
        if (value < 0) {
            throw new IllegalArgumentException("--" + name + " must not be negative");
        }
        return value;
    }

    /** A finite number in {@code [min, max]}. */
    double number(String name, double fallback, double min, double max) {
        var text = values.get(name);
        double value;
        try {
            value = text == null ? fallback : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not '" + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max);
        }
        return value;
    }

    boolean flag(String name) {
        var text = values.getOrDefault(name, "false");
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("--" + name + " must be true or false, not '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    private int integer(String name, int fallback) {
        var text = values.get(name);
        try {
            return text == null ? fallback : Integer.parseInt(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + text + "'");
        }
    }
}
