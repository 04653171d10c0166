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

-- What was done at a lesson and set for home (R-LES-1): entered on the day
-- or in advance, late entries flagged or refused as the school decided.
CREATE TABLE lesson_records (
  lesson_id BIGINT PRIMARY KEY REFERENCES lessons (id),
  school_id BIGINT NOT NULL REFERENCES schools (id),
  topic TEXT,
  work_done TEXT,
  homework TEXT,
  homework_due DATE,
  topic_late INTEGER NOT NULL DEFAULT 0 CHECK (topic_late IN (0, 1)),
  homework_late INTEGER NOT NULL DEFAULT 0 CHECK (homework_late IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  updated_by BIGINT NOT NULL REFERENCES users (id),
  updated_at BIGINT NOT NULL
);

-- Absent or late at a lesson (R-ATT-1): the teacher marks it, the class
-- teacher gives the reason. A mark taken back keeps its row.
CREATE TABLE attendance (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  lesson_id BIGINT NOT NULL REFERENCES lessons (id),
  student_id BIGINT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('absent', 'late')),
  reason TEXT CHECK (reason IN ('ill', 'excused', 'unexcused')),
  version INTEGER NOT NULL DEFAULT 1,
  marked_by BIGINT NOT NULL REFERENCES users (id),
  marked_at BIGINT NOT NULL,
  reason_by BIGINT REFERENCES users (id),
  reason_at BIGINT,
  removed_at BIGINT,
  UNIQUE (lesson_id, student_id)
);
CREATE INDEX attendance_student ON attendance (student_id);

-- Period and final marks (R-MARK-6..8): the period's in its journal; the
-- year's, the exam's and the final one in the journal of the year's last
-- period. Set by the teacher; changed afterwards only by a deputy director,
-- with the explanation kept in the mark's history.
CREATE TABLE period_marks (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  journal_id BIGINT NOT NULL REFERENCES journals (id),
  student_id BIGINT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('period', 'year', 'exam', 'final')),
  value TEXT NOT NULL CHECK (value IN ('1', '2', '3', '4', '5', 'н/а', 'осв', 'зач', 'незач')),
  -- An outside document the mark comes from (a hospital school's record).
  document TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  set_by BIGINT NOT NULL REFERENCES users (id),
  set_at BIGINT NOT NULL,
  updated_by BIGINT REFERENCES users (id),
  updated_at BIGINT,
  UNIQUE (journal_id, student_id, kind)
);
CREATE INDEX period_marks_student ON period_marks (student_id);
