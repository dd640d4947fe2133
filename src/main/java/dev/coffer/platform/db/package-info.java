/** Database plumbing modules use: replica routing for reads, long statements, outage detection. */
@NamedInterface("db")
package dev.coffer.platform.db;

import org.springframework.modulith.NamedInterface;
