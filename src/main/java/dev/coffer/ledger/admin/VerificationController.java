package dev.coffer.ledger.admin;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/v1/admin/ledger/verification}: the verifier's report (role admin). */
@RestController
@Tag(name = ApiTags.ADMIN)
@Accepts(SESSION)
class VerificationController {

    private final LedgerVerifier verifier;

    VerificationController(LedgerVerifier verifier) {
        this.verifier = verifier;
    }

    @Operation(operationId = "verifyLedger",
            summary = "Check that every currency sums to zero and balances match entries")
    @GetMapping("/api/v1/admin/ledger/verification")
    LedgerVerifier.Report verify() {
        return verifier.verify();
    }
}
