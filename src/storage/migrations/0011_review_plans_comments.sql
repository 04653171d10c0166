-- A compromised account and the review of what it did (R-ACC-3), the
-- calendar-thematic plan (R-LES-2), a teacher's comments to parents (R-LES-4).

-- Credentials declared compromised from a moment (seed 001, 5.3-5.4): the
-- account is locked and every journal change it made since is invalid until
-- reviewed.
CREATE TABLE compromises (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  since BIGINT NOT NULL,
  reason TEXT NOT NULL,
  declared_by BIGINT NOT NULL REFERENCES users (id),
  declared_at BIGINT NOT NULL
);
CREATE INDEX compromises_user ON compromises (user_id);

-- One row per journal change under review. A deputy director confirms it or
-- reverts it; a revert is itself an event of the journal.
CREATE TABLE event_reviews (
  event_id BIGINT PRIMARY KEY REFERENCES journal_events (id),
  school_id BIGINT NOT NULL REFERENCES schools (id),
  compromise_id BIGINT NOT NULL REFERENCES compromises (id),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'reverted')),
  reviewed_by BIGINT REFERENCES users (id),
  reviewed_at BIGINT,
  note TEXT,
  result_event_id BIGINT REFERENCES journal_events (id)
);
CREATE INDEX event_reviews_school ON event_reviews (school_id, status);

-- The calendar-thematic plan (КТП) of a subject in a class or group for a
-- year: numbered topics with hours. Its total is checked against the
-- curriculum; the journal offers the next topic and shows plan against fact.
CREATE TABLE plans (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  year_id BIGINT NOT NULL REFERENCES academic_years (id),
  class_id BIGINT REFERENCES classes (id),
  group_id BIGINT REFERENCES study_groups (id),
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  -- 'c<class id>' or 'g<group id>', as in journals.
  target_key TEXT NOT NULL,
  teacher_id BIGINT NOT NULL REFERENCES users (id),
  version INTEGER NOT NULL DEFAULT 1,
  updated_by BIGINT NOT NULL REFERENCES users (id),
  updated_at BIGINT NOT NULL,
  CHECK ((class_id IS NULL) <> (group_id IS NULL)),
  UNIQUE (year_id, target_key, subject_id)
);

CREATE TABLE plan_topics (
  id {{id}},
  plan_id BIGINT NOT NULL REFERENCES plans (id),
  number INTEGER NOT NULL CHECK (number >= 1),
  section TEXT,
  title TEXT NOT NULL,
  hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 200),
  -- The date the plan gives for the topic's first lesson, if it gives one.
  planned_on DATE,
  UNIQUE (plan_id, number)
);

-- The plan's topic a lesson was given (typed topics have none).
ALTER TABLE lesson_records ADD COLUMN plan_topic_id BIGINT REFERENCES plan_topics (id);

-- A teacher's remark or praise for a student at a lesson; with to_parents
-- the parents see it in the diary.
CREATE TABLE lesson_comments (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  lesson_id BIGINT NOT NULL REFERENCES lessons (id),
  student_id BIGINT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('remark', 'praise', 'note')),
  body TEXT NOT NULL,
  to_parents INTEGER NOT NULL DEFAULT 0 CHECK (to_parents IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  removed_by BIGINT REFERENCES users (id),
  removed_at BIGINT
);
CREATE INDEX lesson_comments_lesson ON lesson_comments (lesson_id);
CREATE INDEX lesson_comments_student ON lesson_comments (student_id);
