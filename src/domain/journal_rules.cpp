#include "domain/journal_rules.h"

namespace ej::domain {

std::optional<LatePolicy> ParseLatePolicy(std::string_view text) {
  if (text == "flag") return LatePolicy::kFlag;
  if (text == "refuse") return LatePolicy::kRefuse;
  return std::nullopt;
}

std::string_view ToString(LatePolicy policy) { return policy == LatePolicy::kRefuse ? "refuse" : "flag"; }

Timeliness Judge(bool past_deadline, LatePolicy policy) {
  if (!past_deadline) return Timeliness::kInTime;
  return policy == LatePolicy::kRefuse ? Timeliness::kRefused : Timeliness::kLate;
}

bool TopicPastDeadline(int days_after_lesson, int late_days) { return days_after_lesson > late_days; }

bool HomeworkPastDeadline(int days_after_lesson, int minutes_now, int last_lesson_end, int hours) {
  if (days_after_lesson < 0) return false;
  if (days_after_lesson > 0) return true;
  return minutes_now > last_lesson_end + hours * 60;
}

bool MarkPastDeadline(int days_after_lesson, int limit_days) { return days_after_lesson > limit_days; }

PeriodMarkWindow PeriodMarkWindowOn(int days_to_period_end, int late_days) {
  if (days_to_period_end > 6) return PeriodMarkWindow::kNotYet;
  if (days_to_period_end < -late_days) return PeriodMarkWindow::kClosed;
  return PeriodMarkWindow::kOpen;
}

}  // namespace ej::domain
