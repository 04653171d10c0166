-- Arrivals, transfers and departures of students by order (движение
-- обучающихся, R-ORG-5). Enrolments hold the state; movements the history.

CREATE TABLE student_movements (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES schools (id),
  student_id BIGINT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('admission', 'transfer', 'departure')),
  effective_on DATE NOT NULL,
  order_number TEXT NOT NULL,
  order_date DATE NOT NULL,
  from_class_id BIGINT REFERENCES classes (id),
  to_class_id BIGINT REFERENCES classes (id),
  note TEXT,
  recorded_by BIGINT NOT NULL REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX student_movements_school ON student_movements (school_id, effective_on);
CREATE INDEX student_movements_student ON student_movements (student_id);
