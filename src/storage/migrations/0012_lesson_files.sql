-- Files attached to a lesson's homework (R-LES-1): worksheets, texts,
-- pictures. Kept in the database, so a backup or a year's archive holds
-- them; the journal's event of each keeps its SHA-256. Taken back with a
-- trace, never deleted.
CREATE TABLE lesson_files (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  lesson_id BIGINT NOT NULL REFERENCES lessons (id),
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content {{blob}} NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES users (id),
  uploaded_at BIGINT NOT NULL,
  removed_by BIGINT REFERENCES users (id),
  removed_at BIGINT
);
CREATE INDEX lesson_files_lesson ON lesson_files (lesson_id);
