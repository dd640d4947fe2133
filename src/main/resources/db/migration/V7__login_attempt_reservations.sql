-- Password checks are reserved before hashing (issue: parallel guesses past the lockout). `attempts` counts the
-- checks started in the current window that did not succeed: failed ones plus those still in flight. A check may
-- start only while attempts < max-login-failures, so no burst evaluates more passwords than the limit.
ALTER TABLE login_failures ADD COLUMN attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0);
UPDATE login_failures SET attempts = failures;
ALTER TABLE login_failures ADD CONSTRAINT login_failures_attempts_cover_failures CHECK (attempts >= failures);
