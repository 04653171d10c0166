-- The school calendar (R-ORG-1): the working week of a year, study periods
-- per grade range, vacations and public holidays.

ALTER TABLE academic_years ADD COLUMN working_days INTEGER NOT NULL DEFAULT 5
  CHECK (working_days IN (5, 6));

CREATE TABLE study_periods (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  year_id BIGINT NOT NULL REFERENCES academic_years (id),
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('quarter', 'trimester', 'half')),
  starts_on DATE NOT NULL,
  ends_on DATE NOT NULL,
  grade_from INTEGER NOT NULL CHECK (grade_from BETWEEN 1 AND 11),
  grade_to INTEGER NOT NULL CHECK (grade_to BETWEEN 1 AND 11),
  CHECK (starts_on <= ends_on),
  CHECK (grade_from <= grade_to)
);
CREATE INDEX study_periods_year ON study_periods (year_id);

CREATE TABLE holidays (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  year_id BIGINT NOT NULL REFERENCES academic_years (id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('vacation', 'holiday')),
  starts_on DATE NOT NULL,
  ends_on DATE NOT NULL,
  grade_from INTEGER NOT NULL CHECK (grade_from BETWEEN 1 AND 11),
  grade_to INTEGER NOT NULL CHECK (grade_to BETWEEN 1 AND 11),
  CHECK (starts_on <= ends_on),
  CHECK (grade_from <= grade_to)
);
CREATE INDEX holidays_year ON holidays (year_id);
