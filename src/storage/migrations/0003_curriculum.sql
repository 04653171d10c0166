-- The curriculum (R-ORG-3): hours per week of each subject in each class.
-- Hours are kept in halves (1 = 0.5 h/week: a lesson every other week).

CREATE TABLE curriculum (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  class_id BIGINT NOT NULL REFERENCES classes (id),
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  half_hours_per_week INTEGER NOT NULL CHECK (half_hours_per_week BETWEEN 1 AND 80),
  UNIQUE (class_id, subject_id)
);
CREATE INDEX curriculum_class ON curriculum (class_id);
