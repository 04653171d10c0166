-- The journal's marks and its history that cannot be rewritten (R-MARK, R-ACC-3).

-- How a subject is assessed: marks 1-5, or pass/fail (R-MARK-3).
ALTER TABLE subjects ADD COLUMN assessment TEXT NOT NULL DEFAULT 'graded'
  CHECK (assessment IN ('graded', 'pass_fail'));

-- The kinds of work a mark is for, with their weight in the weighted average
-- and how many days after the lesson its marks may still be entered. A school
-- edits its own list; every school starts from the defaults below.
CREATE TABLE default_work_types (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10),
  deadline_days INTEGER NOT NULL CHECK (deadline_days BETWEEN 0 AND 30),
  position INTEGER NOT NULL
);
INSERT INTO default_work_types (code, name, short_name, weight, deadline_days, position) VALUES
  ('oral', 'Ответ на уроке', 'Отв', 1, 0, 1),
  ('homework', 'Домашняя работа', 'ДЗ', 1, 3, 2),
  ('classwork', 'Работа на уроке', 'РнУ', 1, 0, 3),
  ('independent', 'Самостоятельная работа', 'С/р', 2, 3, 4),
  ('test', 'Проверочная работа', 'П/р', 2, 3, 5),
  ('dictation', 'Диктант', 'Дикт', 3, 3, 6),
  ('lab', 'Лабораторная работа', 'Л/р', 2, 3, 7),
  ('practical', 'Практическая работа', 'Пр/р', 2, 3, 8),
  ('control', 'Контрольная работа', 'К/р', 3, 4, 9),
  ('admin_control', 'Административная контрольная работа', 'АК/Р', 3, 4, 10),
  ('essay', 'Сочинение', 'Соч', 3, 10, 11),
  ('summary', 'Изложение', 'Изл', 3, 7, 12),
  ('project', 'Проект', 'Проект', 2, 10, 13);

CREATE TABLE work_types (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10),
  deadline_days INTEGER NOT NULL CHECK (deadline_days BETWEEN 0 AND 30),
  position INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  UNIQUE (school_id, code)
);
INSERT INTO work_types (school_id, code, name, short_name, weight, deadline_days, position)
  SELECT s.id, d.code, d.name, d.short_name, d.weight, d.deadline_days, d.position
  FROM schools s CROSS JOIN default_work_types d;

-- Longer terms for some grades, as the school's rules give them (essays in
-- grades 9-11: 10 days, control works in 9-11: 4 days ...).
CREATE TABLE work_type_deadlines (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  work_type_id BIGINT NOT NULL REFERENCES work_types (id),
  grade_from INTEGER NOT NULL CHECK (grade_from BETWEEN 1 AND 11),
  grade_to INTEGER NOT NULL CHECK (grade_to BETWEEN 1 AND 11),
  deadline_days INTEGER NOT NULL CHECK (deadline_days BETWEEN 0 AND 30),
  CHECK (grade_from <= grade_to)
);
CREATE INDEX work_type_deadlines_type ON work_type_deadlines (work_type_id);

-- What the school decided about late entries and rounding.
CREATE TABLE journal_settings (
  school_id BIGINT PRIMARY KEY REFERENCES schools (id),
  -- After its deadline an entry is refused ('refuse') or accepted and flagged ('flag').
  late_policy TEXT NOT NULL DEFAULT 'flag' CHECK (late_policy IN ('refuse', 'flag')),
  -- Lesson topics may be entered at most this many days late (R-LES-3).
  lesson_late_days INTEGER NOT NULL DEFAULT 7 CHECK (lesson_late_days BETWEEN 0 AND 30),
  -- Homework within this many hours after the class's last lesson of the day (R-LES-1).
  homework_hours INTEGER NOT NULL DEFAULT 2 CHECK (homework_hours BETWEEN 0 AND 24),
  -- A period mark forecast rounds up from this fraction, in hundredths (50: 3.50 -> 4; 60: 3.60 -> 4).
  rounding_from INTEGER NOT NULL DEFAULT 50 CHECK (rounding_from BETWEEN 1 AND 99)
);

-- A mark is never deleted or overwritten silently: a correction raises the
-- version and its event keeps the old value, who, when and why; a mark taken
-- back keeps its row with removed_at.
CREATE TABLE marks (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  lesson_id BIGINT NOT NULL REFERENCES lessons (id),
  student_id BIGINT NOT NULL REFERENCES users (id),
  work_type_id BIGINT NOT NULL REFERENCES work_types (id),
  value TEXT NOT NULL CHECK (value IN ('1', '2', '3', '4', '5', 'н/а', 'осв', 'зач', 'незач')),
  weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10),
  comment TEXT,
  -- An outside document the mark comes from (a hospital school's certificate, R-MARK-8).
  document TEXT,
  -- The browser's id for the write: sending it again changes nothing.
  client_id TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  updated_by BIGINT REFERENCES users (id),
  updated_at BIGINT,
  removed_by BIGINT REFERENCES users (id),
  removed_at BIGINT,
  UNIQUE (school_id, client_id)
);
CREATE INDEX marks_lesson ON marks (lesson_id);
CREATE INDEX marks_student ON marks (student_id);

-- Every change of the journal, chained per school: hash = SHA-256(prev_hash
-- || the event in canonical form). Rows are only ever appended.
CREATE TABLE journal_events (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  seq BIGINT NOT NULL,
  occurred_at BIGINT NOT NULL,
  actor_id BIGINT REFERENCES users (id),
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  reason TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (school_id, seq)
);
CREATE INDEX journal_events_entity ON journal_events (entity, entity_id);
CREATE INDEX journal_events_actor ON journal_events (actor_id, occurred_at);

-- The end of each school's chain; its row is locked by every append, so
-- appends of one school are serialized on every backend.
CREATE TABLE journal_heads (
  school_id BIGINT PRIMARY KEY REFERENCES schools (id),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
