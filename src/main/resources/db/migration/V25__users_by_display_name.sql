-- The admin's user search finds people by the start of their name, in name order: an index range scan on the
-- lower-cased name in the "C" collation (byte order), which serves both LIKE 'prefix%' and ORDER BY ... LIMIT
-- whatever the database's own collation. Built CONCURRENTLY, like every index on a table that takes writes (see V6
-- on how Flyway runs it and why it drops first).
DROP INDEX CONCURRENTLY IF EXISTS users_by_display_name;
CREATE INDEX CONCURRENTLY users_by_display_name ON users ((lower(display_name) COLLATE "C"));
