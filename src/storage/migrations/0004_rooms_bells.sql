-- Rooms and the bell schedule (R-ORG-4).

CREATE TABLE rooms (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  name TEXT NOT NULL,
  capacity INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 2000),
  note TEXT,
  UNIQUE (school_id, name)
);

-- A bell schedule of a year for a shift and the weekdays it applies to
-- (weekdays: bit 1 = Monday .. bit 7 = Sunday).
CREATE TABLE bell_schedules (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  year_id BIGINT NOT NULL REFERENCES academic_years (id),
  name TEXT NOT NULL,
  shift INTEGER NOT NULL CHECK (shift IN (1, 2)),
  weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 2 AND 254)
);
CREATE INDEX bell_schedules_year ON bell_schedules (year_id);

-- Times are minutes since midnight, school-local.
CREATE TABLE bell_lessons (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  schedule_id BIGINT NOT NULL REFERENCES bell_schedules (id),
  lesson_number INTEGER NOT NULL CHECK (lesson_number BETWEEN 0 AND 12),
  starts_at INTEGER NOT NULL CHECK (starts_at BETWEEN 0 AND 1439),
  ends_at INTEGER NOT NULL CHECK (ends_at BETWEEN 1 AND 1440),
  CHECK (starts_at < ends_at),
  UNIQUE (schedule_id, lesson_number)
);
