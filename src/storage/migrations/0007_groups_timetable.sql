-- Groups of students besides classes (R-ORG-2) and the timetable (R-ORG-4).

-- The shift a class studies in (bell schedules are per shift).
ALTER TABLE classes ADD COLUMN shift INTEGER NOT NULL DEFAULT 1 CHECK (shift IN (1, 2));

-- subgroup: part of one class for a subject (languages, labour, IT);
-- learning: across classes (electives, profile groups), for a subject;
-- extracurricular: clubs; after_school: the after-school group (ГПД);
-- individual: an individual curriculum of one student for a subject.
CREATE TABLE study_groups (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  year_id BIGINT NOT NULL REFERENCES academic_years (id),
  kind TEXT NOT NULL CHECK (kind IN ('subgroup', 'learning', 'extracurricular', 'after_school', 'individual')),
  name TEXT NOT NULL,
  class_id BIGINT REFERENCES classes (id),
  subject_id BIGINT REFERENCES subjects (id),
  teacher_id BIGINT REFERENCES users (id),
  half_hours_per_week INTEGER CHECK (half_hours_per_week IS NULL OR half_hours_per_week BETWEEN 1 AND 80),
  shift INTEGER NOT NULL DEFAULT 1 CHECK (shift IN (1, 2)),
  CHECK (kind <> 'subgroup' OR (class_id IS NOT NULL AND subject_id IS NOT NULL)),
  UNIQUE (year_id, name)
);
CREATE INDEX study_groups_class ON study_groups (class_id);
CREATE INDEX study_groups_teacher ON study_groups (teacher_id);

-- Membership with dates; ends_on is NULL while it lasts.
CREATE TABLE group_members (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  group_id BIGINT NOT NULL REFERENCES study_groups (id),
  student_id BIGINT NOT NULL REFERENCES users (id),
  starts_on DATE NOT NULL,
  ends_on DATE,
  CHECK (ends_on IS NULL OR starts_on <= ends_on)
);
CREATE INDEX group_members_group ON group_members (group_id);
CREATE INDEX group_members_student ON group_members (student_id);

-- The weekly template: a slot holds from valid_from to valid_to (inclusive,
-- NULL: to the end of the year). A change from a date closes the slots that
-- held and opens new ones; the past is never rewritten.
CREATE TABLE timetable_slots (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  year_id BIGINT NOT NULL REFERENCES academic_years (id),
  class_id BIGINT REFERENCES classes (id),
  group_id BIGINT REFERENCES study_groups (id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  lesson_number INTEGER NOT NULL CHECK (lesson_number BETWEEN 0 AND 12),
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  teacher_id BIGINT NOT NULL REFERENCES users (id),
  room_id BIGINT REFERENCES rooms (id),
  valid_from DATE NOT NULL,
  valid_to DATE,
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  CHECK ((class_id IS NULL) <> (group_id IS NULL)),
  CHECK (valid_to IS NULL OR valid_from <= valid_to)
);
CREATE INDEX timetable_slots_class ON timetable_slots (class_id);
CREATE INDEX timetable_slots_group ON timetable_slots (group_id);
CREATE INDEX timetable_slots_year ON timetable_slots (year_id);

-- Dated lessons, generated from the template for the whole year, or added
-- by a move. teacher_id is the planned teacher; substitute_id who teaches
-- instead. Times are school-local minutes, copied from the bell schedule.
-- A lesson with a history that a later template no longer has is retired
-- (retired_at set), never deleted.
CREATE TABLE lessons (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  year_id BIGINT NOT NULL REFERENCES academic_years (id),
  lesson_date DATE NOT NULL,
  lesson_number INTEGER NOT NULL CHECK (lesson_number BETWEEN 0 AND 12),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  class_id BIGINT REFERENCES classes (id),
  group_id BIGINT REFERENCES study_groups (id),
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  teacher_id BIGINT NOT NULL REFERENCES users (id),
  room_id BIGINT REFERENCES rooms (id),
  slot_id BIGINT REFERENCES timetable_slots (id),
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'substituted', 'cancelled', 'moved')),
  substitute_id BIGINT REFERENCES users (id),
  moved_to_id BIGINT REFERENCES lessons (id),
  moved_from_id BIGINT REFERENCES lessons (id),
  changed_by BIGINT REFERENCES users (id),
  changed_at BIGINT,
  change_reason TEXT,
  retired_at BIGINT,
  CHECK ((class_id IS NULL) <> (group_id IS NULL)),
  CHECK (starts_at < ends_at)
);
CREATE INDEX lessons_school_date ON lessons (school_id, lesson_date);
CREATE INDEX lessons_class_date ON lessons (class_id, lesson_date);
CREATE INDEX lessons_group_date ON lessons (group_id, lesson_date);
CREATE INDEX lessons_teacher_date ON lessons (teacher_id, lesson_date);
CREATE INDEX lessons_substitute ON lessons (substitute_id);

-- Every change of a dated lesson (substitution, cancellation, move,
-- restoration), kept: who, when, what, why.
CREATE TABLE lesson_changes (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  lesson_id BIGINT NOT NULL REFERENCES lessons (id),
  kind TEXT NOT NULL CHECK (kind IN ('substitute', 'cancel', 'move', 'restore')),
  detail TEXT NOT NULL,
  reason TEXT,
  changed_by BIGINT NOT NULL REFERENCES users (id),
  changed_at BIGINT NOT NULL
);
CREATE INDEX lesson_changes_lesson ON lesson_changes (lesson_id);
