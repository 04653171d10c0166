-- Credentials handed out on paper (R-ACC-1): one-time activation codes for
-- students, parents and staff, and whether each account has been taken up.

-- The first time the person signed in (with a password or an activation code).
ALTER TABLE users ADD COLUMN activated_at BIGINT;

-- Only a hash of the code is stored. A code is used once, expires, and is
-- revoked when a newer one is issued to the same person.
CREATE TABLE activation_codes (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  code_hash TEXT NOT NULL,
  issued_by BIGINT NOT NULL REFERENCES users (id),
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX activation_codes_user ON activation_codes (user_id);
