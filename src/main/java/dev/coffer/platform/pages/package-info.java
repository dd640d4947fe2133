/** Server-rendered pages: the page controller mark, page actions and their outcomes, amounts. */
@NamedInterface("pages")
package dev.coffer.platform.pages;

import org.springframework.modulith.NamedInterface;
