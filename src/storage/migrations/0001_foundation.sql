-- Foundation: schools, people and accounts, roles, the minimal school
-- structure the rights need (years, classes, subjects, teaching assignments,
-- enrolments, guardians), sessions and the authentication log.
-- Portable SQL: {{id}} becomes the backend's auto-increment primary key.
-- Instants are BIGINT Unix seconds (UTC); calendar dates are DATE 'YYYY-MM-DD'.

CREATE TABLE schools (
  id {{id}},
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- A person known to the system; an account once login and password are set.
CREATE TABLE users (
  id {{id}},
  login TEXT UNIQUE,
  password_hash TEXT,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  middle_name TEXT,
  sex TEXT CHECK (sex IN ('male', 'female')),
  birth_date DATE,
  email TEXT,
  phone TEXT,
  locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  login_blocked_until BIGINT,
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT
);

CREATE TABLE user_roles (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role IN ('administrator', 'director', 'deputy', 'teacher',
                                     'student', 'parent', 'secretary')),
  position TEXT,
  created_at BIGINT NOT NULL,
  UNIQUE (school_id, user_id, role)
);
CREATE INDEX user_roles_user ON user_roles (user_id);

CREATE TABLE academic_years (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  name TEXT NOT NULL,
  starts_on DATE NOT NULL,
  ends_on DATE NOT NULL,
  CHECK (starts_on < ends_on),
  UNIQUE (school_id, starts_on)
);

CREATE TABLE classes (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  year_id BIGINT NOT NULL REFERENCES academic_years (id),
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
  letter TEXT NOT NULL,
  class_teacher_id BIGINT REFERENCES users (id),
  UNIQUE (year_id, grade, letter)
);
CREATE INDEX classes_class_teacher ON classes (class_teacher_id);

CREATE TABLE subjects (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  UNIQUE (school_id, name)
);

CREATE TABLE teaching_assignments (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  teacher_id BIGINT NOT NULL REFERENCES users (id),
  class_id BIGINT NOT NULL REFERENCES classes (id),
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  UNIQUE (class_id, subject_id, teacher_id)
);
CREATE INDEX teaching_assignments_teacher ON teaching_assignments (teacher_id);

-- A student's membership of a class; ends_on is NULL while it lasts.
CREATE TABLE enrolments (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  student_id BIGINT NOT NULL REFERENCES users (id),
  class_id BIGINT NOT NULL REFERENCES classes (id),
  starts_on DATE NOT NULL,
  ends_on DATE,
  CHECK (ends_on IS NULL OR starts_on <= ends_on)
);
CREATE INDEX enrolments_student ON enrolments (student_id);
CREATE INDEX enrolments_class ON enrolments (class_id);

-- A legal representative of a student.
CREATE TABLE guardians (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  parent_id BIGINT NOT NULL REFERENCES users (id),
  student_id BIGINT NOT NULL REFERENCES users (id),
  relation TEXT NOT NULL CHECK (relation IN ('mother', 'father', 'guardian', 'other')),
  UNIQUE (parent_id, student_id)
);
CREATE INDEX guardians_student ON guardians (student_id);

-- Only a hash of the session token is stored: a copy of the database does
-- not let anybody into a session.
CREATE TABLE sessions (
  id {{id}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Logins, failures, logouts, password changes, locks (R-ACC-4 activity).
CREATE TABLE auth_events (
  id {{id}},
  user_id BIGINT REFERENCES users (id),
  login TEXT,
  event TEXT NOT NULL,
  ip TEXT,
  at BIGINT NOT NULL
);
CREATE INDEX auth_events_user ON auth_events (user_id, at);
