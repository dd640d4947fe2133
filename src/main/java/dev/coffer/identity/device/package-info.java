/** Known devices: the device tokens logins hand out, and their list on the security page. */
@NamedInterface("device")
package dev.coffer.identity.device;

import org.springframework.modulith.NamedInterface;
