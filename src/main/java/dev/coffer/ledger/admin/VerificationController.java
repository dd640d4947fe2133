package dev.coffer.ledger.admin;

import static dev.coffer.platform.CofferPrincipal.Kind.SESSION;

import dev.coffer.platform.Accepts;
import dev.coffer.platform.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/ledger/verification}: the verifier's report (role admin). */
@RestController
@Tag(name = ApiTags.ADMIN)
@Accepts(SESSION)
class VerificationController {

    private final BooksCheck books;

    VerificationController(BooksCheck books) {
        this.books = books;
    }

    @Operation(operationId = "verifyLedger",
            summary = "Check that every currency sums to zero, balances match entries and the audit chain holds")
    @GetMapping("/api/v1/admin/ledger/verification")
    BooksCheck.Report verify() {
        return books.run();
    }
}
