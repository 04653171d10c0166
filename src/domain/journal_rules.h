// The journal's deadlines (seed 001, 1.4–1.5): how long after a lesson its
// topic, its homework and its marks may still be written, when period marks
// are set, and what an entry written too late becomes under the school's
// policy. Days and minutes are the school's local time; the caller counts them.
#pragma once

#include <optional>
#include <string_view>

namespace ej::domain {

// What the school does with an entry past its deadline: keep it and flag it
// for the deputy's control, or refuse it.
enum class LatePolicy { kFlag, kRefuse };
std::optional<LatePolicy> ParseLatePolicy(std::string_view text);  // "flag", "refuse"
std::string_view ToString(LatePolicy policy);

enum class Timeliness { kInTime, kLate, kRefused };
Timeliness Judge(bool past_deadline, LatePolicy policy);

// The lesson's topic and the work done: in advance, on the day, and up to
// `late_days` whole days after the lesson.
bool TopicPastDeadline(int days_after_lesson, int late_days);

// Homework: in advance, and on the lesson's day until `hours` after the end of
// the class's last lesson that day (`last_lesson_end`, minutes since
// midnight); on any later day it is late.
bool HomeworkPastDeadline(int days_after_lesson, int minutes_now, int last_lesson_end, int hours);

// A mark: up to `limit_days` after its lesson (the work type's term).
bool MarkPastDeadline(int days_after_lesson, int limit_days);

// Period, year and final marks: in the last week of the period (its last 7
// days) and up to `late_days` after its end; never before, never later.
enum class PeriodMarkWindow { kNotYet, kOpen, kClosed };
PeriodMarkWindow PeriodMarkWindowOn(int days_to_period_end, int late_days);

}  // namespace ej::domain
