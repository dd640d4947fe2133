package dev.coffer.identity.user;

import dev.coffer.platform.Db;
import dev.coffer.platform.Role;
import dev.coffer.platform.crypto.SecretBox;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code users} table. */
@Repository
public class UserRepository {

    private static final String COLUMNS = """
            id, email, display_name, password_hash, roles, totp_secret, totp_enabled, totp_last_step, created_at,
            locked_at""";

    private final JdbcClient jdbc;
    private final SecretBox secrets;

    UserRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** What a TOTP seed is sealed to: its user, so a sealed seed copied to another user does not open. */
    static String totpBinding(String userId) {
        return "totp:" + userId;
    }

    /** The key an email is unique by and logs in by. */
    public static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Inserts a user; false when the email is taken (checked by the unique index, so races are safe). */
    public boolean insert(User user) {
        return jdbc.sql("""
                        INSERT INTO users (id, email, email_key, display_name, password_hash, roles, created_at,
                                           password_changed_at)
                        VALUES (:id, :email, :emailKey, :displayName, :hash, :roles::text[], :now, :now)
                        ON CONFLICT (email_key) DO NOTHING
                        """)
                .param("id", user.id())
                .param("email", user.email())
                .param("emailKey", emailKey(user.email()))
                .param("displayName", user.displayName())
                .param("hash", user.passwordHash())
                .param("roles", rolesLiteral(user.roles()))
                .param("now", Db.at(user.createdAt()))
                .update() == 1;
    }

    public Optional<User> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .param("id", id).query(this::map).optional();
    }

    public Optional<User> findByIdForUpdate(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id FOR UPDATE")
                .param("id", id).query(this::map).optional();
    }

    /**
     * The user row by {@code :emailKey} ({@link #emailKey}), for a caller that folds the lookup into a larger
     * statement (the login's one round trip) and reads the row with {@link #readUser}.
     */
    public static final String SELECT_BY_EMAIL_KEY = "SELECT " + COLUMNS + " FROM users WHERE email_key = :emailKey";

    /** The user in the current row of a result that joined {@link #SELECT_BY_EMAIL_KEY}; empty when none matched. */
    public Optional<User> readUser(ResultSet rs) throws SQLException {
        return rs.getString("id") == null ? Optional.empty() : Optional.of(map(rs, 0));
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email_key = :key")
                .param("key", emailKey(email)).query(this::map).optional();
    }

    public List<User> findByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ANY(:ids::text[])")
                .param("ids", ids.toArray(String[]::new)).query(this::map).list();
    }

    /** Exact email, then names by prefix; each branch an index range scan cut at the limit (EXPLAIN-tested). */
    static final String SEARCH = "(SELECT " + COLUMNS + " FROM users WHERE email_key = :key)"
            + " UNION ALL (SELECT " + COLUMNS + " FROM users WHERE lower(display_name) COLLATE \"C\" LIKE :prefix"
            + " ORDER BY lower(display_name) COLLATE \"C\" LIMIT :limit)";

    /**
     * The user whose email is {@code query}, then users whose name starts with it (case-insensitive, by name): at
     * most {@code limit}, at the cost of two index probes whatever the number of users.
     */
    public List<User> search(String query, int limit) {
        var key = emailKey(query);
        var found = jdbc.sql(SEARCH).param("key", key).param("prefix", namePrefix(query)).param("limit", limit)
                .query(this::map).list();
        var byId = new LinkedHashMap<String, User>();
        found.stream()
                .sorted(Comparator.comparing((User u) -> !emailKey(u.email()).equals(key))
                        .thenComparing(u -> u.displayName().toLowerCase(Locale.ROOT)))
                .forEach(u -> byId.putIfAbsent(u.id(), u));
        return byId.values().stream().limit(limit).toList();
    }

    /** {@code LIKE} pattern for names starting with {@code query}, its own wildcards taken literally. */
    static String namePrefix(String query) {
        return query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%";
    }

    /** Locks the user (kept as it is when already locked); false when there is no such user. */
    public boolean lock(String id, String adminId, Instant now) {
        return jdbc.sql("""
                        UPDATE users SET locked_at = COALESCE(locked_at, :now), locked_by = COALESCE(locked_by, :admin)
                        WHERE id = :id
                        """)
                .param("now", Db.at(now)).param("admin", adminId).param("id", id).update() == 1;
    }

    /** Unlocks the user; false when there is no such user. */
    public boolean unlock(String id) {
        return jdbc.sql("UPDATE users SET locked_at = NULL, locked_by = NULL WHERE id = :id")
                .param("id", id).update() == 1;
    }

    public boolean anyAdmin() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE 'admin' = ANY(roles))")
                .query(Boolean.class).single();
    }

    public void updatePasswordHash(String id, String hash, Instant now) {
        jdbc.sql("UPDATE users SET password_hash = :hash, password_changed_at = :now WHERE id = :id")
                .param("hash", hash).param("now", Db.at(now)).param("id", id).update();
    }

    public void updateRoles(String id, Set<Role> roles) {
        jdbc.sql("UPDATE users SET roles = :roles::text[] WHERE id = :id")
                .param("roles", rolesLiteral(roles)).param("id", id).update();
    }

    public void setPendingTotpSecret(String id, String secret) {
        jdbc.sql("UPDATE users SET totp_secret = :secret WHERE id = :id AND NOT totp_enabled")
                .param("secret", secrets.seal(secret, totpBinding(id))).param("id", id).update();
    }

    public void enableTotp(String id, long step) {
        jdbc.sql("UPDATE users SET totp_enabled = true, totp_last_step = :step WHERE id = :id")
                .param("step", step).param("id", id).update();
    }

    /** Turns two-factor login off: the secret is forgotten (a new set-up makes a new one). */
    public void disableTotp(String id) {
        jdbc.sql("UPDATE users SET totp_enabled = false, totp_secret = NULL WHERE id = :id").param("id", id).update();
    }

    /** Records a used TOTP step; false if this or a later step was already used (a replayed code). */
    public boolean useTotpStep(String id, long step) {
        return jdbc.sql("UPDATE users SET totp_last_step = :step WHERE id = :id AND totp_last_step < :step")
                .param("step", step).param("id", id).update() == 1;
    }

    private static String rolesLiteral(Set<Role> roles) {
        return roles.stream().map(Role::wireName).sorted().collect(Collectors.joining(",", "{", "}"));
    }

    private User map(ResultSet rs, int row) throws SQLException {
        var totpSecret = rs.getString("totp_secret");
        if (SecretBox.isSealed(totpSecret)) {
            totpSecret = secrets.open(totpSecret, totpBinding(rs.getString("id")));
        }
        return new User(
                rs.getString("id"),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                roles(rs.getArray("roles")),
                totpSecret,
                rs.getBoolean("totp_enabled"),
                rs.getLong("totp_last_step"),
                Db.instant(rs, "created_at"),
                Db.instant(rs, "locked_at"));
    }

    /** Reads a {@code text[]} of role names. */
    public static Set<Role> roles(Array array) throws SQLException {
        var roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).forEach(name -> roles.add(Role.parse(name).orElseThrow()));
        return roles;
    }
}
