package dev.coffer.ledger.admin;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/ledger/verification}: the verifier's report (role admin). */
@RestController
@Accepts(SESSION)
class VerificationController {

    private final LedgerVerifier verifier;

    VerificationController(LedgerVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/api/v1/admin/ledger/verification")
    LedgerVerifier.Report verify() {
        return verifier.verify();
    }
}
