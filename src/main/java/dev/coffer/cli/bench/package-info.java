/** The {@code bench} command: a load generator that speaks Coffer's public API. */
@NamedInterface("bench")
package dev.coffer.cli.bench;

import org.springframework.modulith.NamedInterface;
