package dev.coffer.identity.device;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.IdOf;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** One's own known devices: listed (new-device logins show up here), and forgotten one by one. */
@RestController
@Tag(name = ApiTags.IDENTITY)
@Accepts(SESSION)
class DeviceController {

    private final KnownDevices devices;
    private final Clock clock;

    DeviceController(KnownDevices devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    record DeviceList(List<KnownDevices.DeviceView> data) {
    }

    @Operation(operationId = "listDevices", summary = "The caller's known devices (new-device logins show up here)")
    @GetMapping("/api/v1/me/devices")
    DeviceList list(@AuthenticationPrincipal CofferPrincipal principal) {
        return new DeviceList(devices.list(principal.userId()));
    }

    /** After this, the device's token no longer counts: its logins are judged with every unknown device's. */
    @Operation(operationId = "forgetDevice", summary = "Forget one of the caller's devices")
    @DeleteMapping("/api/v1/me/devices/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void forget(@AuthenticationPrincipal CofferPrincipal principal, @PathVariable @IdOf("dev") String id) {
        if (!devices.revoke(principal.userId(), id, clock.instant())) {
            throw ApiException.notFound("Device");
        }
    }
}
