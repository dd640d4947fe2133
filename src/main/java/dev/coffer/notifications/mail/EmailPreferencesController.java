package dev.coffer.notifications.mail;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Refuses;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Which emails one gets: {@code {"email": {"new_device_login": true, …}}}, every kind on unless turned off. */
@RestController
@Tag(name = ApiTags.IDENTITY)
@Accepts(SESSION)
class EmailPreferencesController {

    private final EmailPreferences preferences;

    EmailPreferencesController(EmailPreferences preferences) {
        this.preferences = preferences;
    }

    record EmailPreferencesRequest(@NotNull Map<String, Boolean> email) {
    }

    record EmailPreferencesView(Map<String, Boolean> email) {
    }

    @Operation(operationId = "getEmailPreferences", summary = "Which emails the caller gets")
    @GetMapping("/api/v1/me/notifications")
    EmailPreferencesView get(@AuthenticationPrincipal CofferPrincipal principal) {
        return new EmailPreferencesView(wire(preferences.of(principal.userId())));
    }

    /** Sets the kinds named (others keep their setting); an unknown kind is refused and nothing changes. */
    @Operation(operationId = "setEmailPreferences", summary = "Turn kinds of email on or off")
    @Refuses(status = 422, codes = "unknown_email_kind")
    @PutMapping("/api/v1/me/notifications")
    EmailPreferencesView put(@AuthenticationPrincipal CofferPrincipal principal,
            @Valid @RequestBody EmailPreferencesRequest body) {
        if (body == null || body.email() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Send {\"email\": {kind: boolean}}");
        }
        var parsed = new LinkedHashMap<EmailKind, Boolean>();
        body.email().forEach((name, enabled) -> parsed.put(EmailKind.parse(name).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT, "unknown_email_kind", "Unknown email kind '" + name + "'")),
                enabled));
        if (parsed.containsValue(null)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Each kind takes true or false");
        }
        preferences.set(principal.userId(), parsed);
        return get(principal);
    }

    private static Map<String, Boolean> wire(Map<EmailKind, Boolean> settings) {
        var out = new LinkedHashMap<String, Boolean>();
        settings.forEach((kind, enabled) -> out.put(kind.wireName(), enabled));
        return out;
    }
}
