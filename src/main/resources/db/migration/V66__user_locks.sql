-- An admin can lock a user: a locked user cannot log in, and every token of theirs stops working at once (the token
-- check reads locked_at next to the roles it already reads). Additive (expand): two nullable columns; the constraints
-- are NOT VALID (every existing row has both columns null, and new rows are checked), so nothing scans users under a
-- lock. LOCAL: Flyway may run on a pooled connection the application uses afterwards.
SET LOCAL lock_timeout = '5s';

ALTER TABLE users
    ADD COLUMN locked_at timestamptz,
    ADD COLUMN locked_by text;
ALTER TABLE users ADD CONSTRAINT users_locked_by_fkey FOREIGN KEY (locked_by) REFERENCES users (id) NOT VALID;
ALTER TABLE users ADD CONSTRAINT users_lock_has_author CHECK ((locked_at IS NULL) = (locked_by IS NULL)) NOT VALID;
