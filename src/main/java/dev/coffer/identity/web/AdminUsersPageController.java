package dev.coffer.identity.web;

import dev.coffer.identity.AdminUserFacts;
import dev.coffer.identity.admin.RoleService;
import dev.coffer.identity.admin.UserLocks;
import dev.coffer.identity.user.User;
import dev.coffer.identity.user.UserRepository;
import dev.coffer.platform.ApiException;
import dev.coffer.platform.CofferPrincipal;
import dev.coffer.platform.Role;
import dev.coffer.platform.pages.PageActions;
import dev.coffer.platform.pages.PageController;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin's users: find someone by email or the start of their name, see their roles and what other modules
 * know (their accounts), give or take the merchant role, lock or unlock them. Changes go through the same services
 * as the API.
 */
@PageController
class AdminUsersPageController {

    private static final int RESULTS = 20;
    private static final int MIN_QUERY = 2;

    private final UserRepository users;
    private final RoleService roles;
    private final List<AdminUserFacts> facts;
    private final PageActions actions;
    private final UserLocks locks;

    AdminUsersPageController(UserRepository users, RoleService roles, List<AdminUserFacts> facts,
            PageActions actions, UserLocks locks) {
        this.locks = locks;
        this.users = users;
        this.roles = roles;
        this.facts = facts;
        this.actions = actions;
    }

    @GetMapping("/admin/users")
    String page(@RequestParam(defaultValue = "") String q, Model model) {
        return render(q, model);
    }

    @PostMapping("/admin/users/{id}/merchant")
    String merchantRole(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable String id,
            @RequestParam(defaultValue = "") String grant, @RequestParam(defaultValue = "") String q, Model model) {
        boolean give = "true".equals(grant);
        actions.call(model, () -> roles.setRoles(admin.userId(), id, withMerchant(id, give)))
                .show(done -> done.value().displayName() + (give ? " is now a merchant." : " is no longer a merchant."));
        return render(q, model);
    }

    /** Locks ({@code lock=true}) or unlocks a user, through the same service as the API. */
    @PostMapping("/admin/users/{id}/lock")
    String lock(@AuthenticationPrincipal CofferPrincipal admin, @PathVariable String id,
            @RequestParam(defaultValue = "") String lock, @RequestParam(defaultValue = "") String q, Model model) {
        if ("true".equals(lock)) {
            actions.call(model, () -> locks.lock(admin.userId(), id)).show(done -> done.value().displayName()
                    + " is locked: they cannot log in, and their sessions and app tokens were ended.");
        } else {
            actions.call(model, () -> locks.unlock(admin.userId(), id))
                    .show(done -> done.value().displayName() + " is unlocked and may log in again.");
        }
        return render(q, model);
    }

    private EnumSet<Role> withMerchant(String userId, boolean give) {
        var user = users.findById(userId).orElseThrow(() -> ApiException.notFound("User"));
        var next = EnumSet.noneOf(Role.class);
        next.addAll(user.roles());
        if (give) {
            next.add(Role.MERCHANT);
        } else {
            next.remove(Role.MERCHANT);
        }
        return next;
    }

    /** One user as the page shows them: no secrets, roles in words, and what other modules know. */
    record Row(String id, String name, String email, String roles, boolean merchant, boolean locked,
            List<String> facts) {
    }

    private Row row(User user) {
        var roleNames = user.roles().stream().map(Role::wireName).sorted().collect(Collectors.joining(", "));
        return new Row(user.id(), user.displayName(), user.email(),
                roleNames + (user.totpEnabled() ? " · two-factor on" : ""), user.roles().contains(Role.MERCHANT), user.locked(),
                facts.stream().flatMap(f -> f.about(user.id()).stream()).toList());
    }

    private String render(String query, Model model) {
        var q = query.strip();
        model.addAttribute("q", q);
        if (q.length() >= MIN_QUERY) {
            model.addAttribute("found", users.search(q, RESULTS).stream().map(this::row).toList());
        }
        return "admin-users";
    }
}
