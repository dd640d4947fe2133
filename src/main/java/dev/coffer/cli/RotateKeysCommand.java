package dev.coffer.cli;

import dev.coffer.platform.crypto.KeyRotation;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code coffer rotate-keys}: seals every stored secret again under a new master key (see {@link KeyRotation}). */
@Component
@ConditionalOnProperty(name = "coffer.cli.command", havingValue = "rotate-keys")
class RotateKeysCommand implements ApplicationRunner, ExitCodeGenerator {

    private final KeyRotation rotation;
    private int exitCode = 1;

    RotateKeysCommand(KeyRotation rotation) {
        this.rotation = rotation;
    }

    @Override
    public void run(ApplicationArguments args) {
        exitCode = rotation.rotate(System.out);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
