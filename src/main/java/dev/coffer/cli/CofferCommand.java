package dev.coffer.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * The commands of {@code java -jar coffer.jar [command] [--property=value …]}: {@code serve} (the default) starts the
 * server; {@code verify} checks the books and exits 0 (balanced) or 1 (problems); {@code help} lists them.
 */
public enum CofferCommand {
    SERVE("start the server (the default)"),
    VERIFY("check the ledger and the audit chain; exit code 0 when all is well, 1 otherwise"),
    ROTATE_KEYS("seal every stored secret again under a new master key (see README: secrets at rest)"),
    BENCH("load a running Coffer: bench <transfers|logins|reads|baseline|history|stream|renewals> [--name=value …]"),
    HELP("show this help");

    private final String description;

    CofferCommand(String description) {
        this.description = description;
    }

    /** The command named by the first argument, if it names one (otherwise the arguments are all properties). */
    public static Optional<CofferCommand> parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(c -> c.wireName().equals(args[0])).findFirst();
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static String usage() {
        var out = new StringBuilder("usage: java -jar coffer.jar [command] [--name=value …]\n\ncommands:\n");
        for (var command : values()) {
            out.append(String.format("  %-12s %s%n", command.wireName(), command.description));
        }
        out.append("\nEvery setting can be given as --name=value (e.g. --coffer.data-dir=./data); see README.md.\n");
        return out.toString();
    }
}
