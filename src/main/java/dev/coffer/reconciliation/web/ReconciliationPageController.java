package dev.coffer.reconciliation.web;

import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.pages.PageController;
import dev.coffer.reconciliation.Reconciliation;
import dev.coffer.reconciliation.Resolution;
import dev.coffer.reconciliation.StatementFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The reconciliation page (role admin, as all of /admin/**): upload a bank statement of a settlement account, and
 * work the exception queue, linking a line to a transfer or resolving with an adjusting entry. Calls the same
 * service as the JSON API.
 */
@PageController
class ReconciliationPageController {

    private static final int PAGE = 100;

    private final Reconciliation reconciliation;

    ReconciliationPageController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping("/admin/reconciliation")
    String page(@RequestParam(required = false) String cursor, Model model) {
        return render(cursor, model);
    }

    @PostMapping("/admin/reconciliation/statements")
    String upload(@AuthenticationPrincipal CofferPrincipal admin, @RequestParam(defaultValue = "") String accountId,
            @RequestParam(required = false) MultipartFile statement, Model model) throws IOException {
        try {
            if (statement == null || statement.isEmpty()) {
                throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_statement",
                        "Choose a statement file (camt.053 XML or CSV)");
            }
            var bytes = statement.getBytes();
            var result = reconciliation.importStatement(admin.userId(), accountId.strip(), format(statement, bytes),
                    bytes);
            model.addAttribute("notice", (result.replayed() ? "Already imported: " : "Imported: ") + result.lines()
                    + " lines, " + result.matched() + " matched, " + result.unmatched() + " unmatched.");
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
        }
        return render(null, model);
    }

    @PostMapping("/admin/reconciliation/exceptions/{id}/resolve")
    String resolve(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable String id,
            @RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String transferId,
            @RequestParam(defaultValue = "") String reference, Model model) {
        try {
            Resolution resolution = "link".equals(action) ? new Resolution.Link(required(transferId, "a transfer id"))
                    : new Resolution.Adjust(required(reference, "a reference saying why"));
            var resolved = reconciliation.resolve(admin.userId(), id, resolution);
            model.addAttribute("notice", "Resolved (" + resolved.resolution() + ") with transfer "
                    + resolved.transferId() + ".");
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
        }
        return render(null, model);
    }

    private String render(String cursor, Model model) {
        model.addAttribute("settlementAccounts", reconciliation.settlementAccounts());
        try {
            model.addAttribute("queue", reconciliation.exceptions(PAGE, cursor, null));
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("queue", reconciliation.exceptions(PAGE, null, null));
        }
        return "reconciliation";
    }

    /** XML when the file says so (name, type, or a first character '<'), CSV otherwise. */
    private static StatementFormat format(MultipartFile file, byte[] bytes) {
        var name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase();
        var type = file.getContentType() == null ? "" : file.getContentType();
        var head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8).replace("\uFEFF", "")
                .stripLeading();
        return name.endsWith(".xml") || type.contains("xml") || head.startsWith("<") ? StatementFormat.CAMT053
                : StatementFormat.CSV;
    }

    private static String required(String value, String what) {
        if (value.isBlank()) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_resolution",
                    "Enter " + what);
        }
        return value.strip();
    }
}
