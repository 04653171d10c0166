// The columns the journal's rows are written with, shared by the services'
// single-row INSERTs (sql::InsertOne) and the demo's batch inserts
// (storage::InsertRows): one list per table, the values bound in its order.
#pragma once

#include <string_view>

namespace ej::service {

inline constexpr std::string_view kMarkInto =
    "marks (school_id, lesson_id, student_id, work_type_id, value, weight, comment, document, client_id, late,"
    " created_by, created_at)";

inline constexpr std::string_view kAttendanceInto =
    "attendance (school_id, lesson_id, student_id, kind, reason, version, marked_by, marked_at, reason_by,"
    " reason_at)";

inline constexpr std::string_view kLessonRecordInto =
    "lesson_records (lesson_id, school_id, topic, work_done, homework, homework_due, topic_late, homework_late,"
    " version, updated_by, updated_at, plan_topic_id)";

inline constexpr std::string_view kPeriodMarkInto =
    "period_marks (school_id, journal_id, student_id, kind, value, document, set_by, set_at)";

}  // namespace ej::service
