-- Consent to personal-data processing (152-ФЗ), recorded per parent with
-- the document; withdrawals are new rows, never edits (R-ORG-5, R-ARC-4).

CREATE TABLE parent_consents (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  parent_id BIGINT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('given', 'withdrawn')),
  effective_on DATE NOT NULL,
  document TEXT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX parent_consents_parent ON parent_consents (parent_id, effective_on);
