/** Fixed-window rate limits in PostgreSQL, shared by every node. */
@NamedInterface("ratelimit")
package dev.coffer.platform.ratelimit;

import org.springframework.modulith.NamedInterface;
