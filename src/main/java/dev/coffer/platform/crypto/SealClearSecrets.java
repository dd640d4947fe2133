package dev.coffer.platform.crypto;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On start, seals the secrets still stored in clear by versions from before sealing existed. Idempotent and safe
 * on several nodes at once: each row is rewritten only if it still holds the clear value that was read.
 */
@Component
class SealClearSecrets implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SealClearSecrets.class);

    private final List<SealedColumn> columns;
    private final SecretBox box;

    SealClearSecrets(List<SealedColumn> columns, SecretBox box) {
        this.columns = columns;
        this.box = box;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (var column : columns) {
            int sealed = column.sealClearValues(box);
            if (sealed > 0) {
                log.info("sealed {} secrets stored in clear in {}", sealed, column.name());
            }
        }
    }
}
