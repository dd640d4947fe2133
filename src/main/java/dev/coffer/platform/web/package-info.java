/** HTTP edge helpers: problem+json, paging, public URLs, cookies, error pages. */
@NamedInterface("web")
package dev.coffer.platform.web;

import org.springframework.modulith.NamedInterface;
