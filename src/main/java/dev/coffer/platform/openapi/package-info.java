/** The OpenAPI document: tags, problem codes and the customizers that keep it true. */
@NamedInterface("openapi")
package dev.coffer.platform.openapi;

import org.springframework.modulith.NamedInterface;
