-- The journals teachers open (R-LES): one per class or group, subject and
-- study period, as on paper. A period is named by its kind and number, not
-- by its row, so that the calendar's dates can change under a journal.
CREATE TABLE journals (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  year_id BIGINT NOT NULL REFERENCES academic_years (id),
  class_id BIGINT REFERENCES classes (id),
  group_id BIGINT REFERENCES study_groups (id),
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  -- 'c<class id>' or 'g<group id>': NULLs would not make a unique key.
  target_key TEXT NOT NULL,
  period_kind TEXT NOT NULL CHECK (period_kind IN ('quarter', 'trimester', 'half')),
  period_number INTEGER NOT NULL,
  -- The grade whose study periods the journal follows.
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
  CHECK ((class_id IS NULL) <> (group_id IS NULL)),
  UNIQUE (year_id, target_key, subject_id, period_kind, period_number)
);
CREATE INDEX journals_school ON journals (school_id, year_id);
