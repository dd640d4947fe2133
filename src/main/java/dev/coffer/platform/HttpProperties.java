package dev.coffer.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HTTP settings ({@code coffer.http.*}): the largest request body (413 beyond it), the larger one bank statement
 * uploads may have, and the one bulk transfer requests may have (1,000 transfers with descriptions).
 */
@ConfigurationProperties("coffer.http")
public record HttpProperties(@DefaultValue("65536") long maxBodyBytes,
        @DefaultValue("2097152") long maxStatementBytes,
        @DefaultValue("2097152") long maxBulkBodyBytes) {

    public HttpProperties {
        if (maxBodyBytes < 1 || maxStatementBytes < maxBodyBytes || maxBulkBodyBytes < maxBodyBytes) {
            throw new IllegalArgumentException(
                    "coffer.http: 0 < max-body-bytes <= max-statement-bytes and max-bulk-body-bytes");
        }
    }
}
