package dev.coffer.platform.security;

import dev.coffer.platform.CofferPrincipal;
import java.util.ArrayList;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a bearer credential: roles become {@code ROLE_*}, the credential kind {@code AUTH_*}. */
final class CofferAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    /** Lives for one request, never serialized (no HTTP sessions): transient says so. */
    private final transient CofferPrincipal principal;

    CofferAuthentication(CofferPrincipal principal) {
        super(authorities(principal));
        this.principal = principal;
        setAuthenticated(true);
    }

    private static ArrayList<GrantedAuthority> authorities(CofferPrincipal principal) {
        var authorities = new ArrayList<GrantedAuthority>();
        principal.roles().forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r.name())));
        authorities.add(new SimpleGrantedAuthority("AUTH_" + principal.kind().name()));
        return authorities;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public CofferPrincipal getPrincipal() {
        return principal;
    }
}
