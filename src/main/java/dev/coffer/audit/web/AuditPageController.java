package dev.coffer.audit.web;

import dev.coffer.audit.AuditChainVerifier;
import dev.coffer.audit.AuditTrail;
import dev.coffer.platform.pages.PageAction;
import dev.coffer.platform.pages.PageController;
import dev.coffer.platform.web.Paging;
import java.time.Clock;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin's audit log: newest first, filtered by type, page by page (index range scans, as the API), and the hash
 * chain checked on demand (it reads every row, so not on every view).
 */
@PageController
class AuditPageController {

    private static final int PAGE = 25;

    private final AuditTrail trail;
    private final AuditChainVerifier chain;
    private final Clock clock;

    AuditPageController(AuditTrail trail, AuditChainVerifier chain, Clock clock) {
        this.trail = trail;
        this.chain = chain;
        this.clock = clock;
    }

    @GetMapping("/admin/audit")
    String page(@RequestParam(defaultValue = "") String type, @RequestParam(required = false) String cursor,
            Model model) {
        return render(type.strip(), cursor, model);
    }

    @PostMapping("/admin/audit/verify")
    String verify(@RequestParam(defaultValue = "") String type, Model model) {
        long started = System.nanoTime();
        var report = chain.verify();
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (report.ok()) {
            model.addAttribute(PageAction.NOTICE, "The audit chain is intact: " + report.rows() + " rows checked in "
                    + millis + " ms at " + clock.instant() + ".");
        } else {
            model.addAttribute(PageAction.ERROR, "The audit chain is broken: " + String.join("; ", report.problems()));
        }
        return render(type.strip(), null, model);
    }

    private String render(String type, String cursor, Model model) {
        var filter = type.isEmpty() ? null : type;
        if (filter != null && !filter.matches(Paging.TYPE_FILTER)) {
            model.addAttribute(PageAction.ERROR, "A type looks like payment.succeeded or user.registered.");
            filter = null;
        }
        model.addAttribute("type", filter == null ? "" : filter);
        model.addAttribute("events", trail.page(PAGE, cursor, filter));
        return "admin-audit";
    }
}
