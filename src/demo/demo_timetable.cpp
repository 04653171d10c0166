// The demo school's week placed greedily (PlaceWeek, see demo_timetable.h):
// no teacher, room or class twice at one time, lessons packed from the first.
#include "demo/demo_timetable.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <tuple>

namespace ej::service::demo {
namespace {

// Who is busy when: (id, day, lesson number).
using Busy = std::set<std::tuple<int64_t, int, int>>;

class Placer {
 public:
  Placer(int days, int per_day) : days_(days), per_day_(per_day) {}

  // Rooms chosen for the parts, or empty if the unit can't be held then.
  std::optional<std::vector<std::optional<int64_t>>> Fits(const Unit& u, int day, int n) const {
    for (int64_t c : u.classes) {
      if (classes_.count({c, day, n})) return std::nullopt;
    }
    std::vector<std::optional<int64_t>> rooms;
    std::set<int64_t> taken_here;
    for (const Part& p : u.parts) {
      if (teachers_.count({p.teacher_id, day, n})) return std::nullopt;
      if (p.rooms.empty()) {
        rooms.push_back(std::nullopt);
        continue;
      }
      std::optional<int64_t> room;
      for (int64_t r : p.rooms) {
        if (!rooms_.count({r, day, n}) && !taken_here.count(r)) {
          room = r;
          break;
        }
      }
      if (!room) return std::nullopt;
      taken_here.insert(*room);
      rooms.push_back(room);
    }
    return rooms;
  }

  void Take(const Unit& u, int day, int n, const std::vector<std::optional<int64_t>>& rooms, WeekPlan& plan) {
    for (int64_t c : u.classes) {
      classes_.insert({c, day, n});
      ++class_count_[{c, day}];
    }
    for (size_t i = 0; i < u.parts.size(); ++i) {
      const Part& p = u.parts[i];
      teachers_.insert({p.teacher_id, day, n});
      if (rooms[i]) rooms_.insert({*rooms[i], day, n});
      plan.slots[p.target].push_back({day, n, p.subject_id, p.teacher_id, rooms[i]});
      subject_days_.insert({p.target.id, static_cast<int>(p.target.kind), p.subject_id, day});
    }
  }

  int ClassCount(const Unit& u, int day) const {
    int most = 0;
    for (int64_t c : u.classes) {
      auto it = class_count_.find({c, day});
      if (it != class_count_.end()) most = std::max(most, it->second);
    }
    return most;
  }

  bool SubjectThatDay(const Unit& u, int day) const {
    const Part& p = u.parts.front();
    return subject_days_.count({p.target.id, static_cast<int>(p.target.kind), p.subject_id, day}) > 0;
  }

  bool Place(const Unit& u, WeekPlan& plan) {
    std::vector<int> order(static_cast<size_t>(days_));
    std::iota(order.begin(), order.end(), 1);
    // Days without this subject yet, then the class's lightest days.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return std::make_pair(SubjectThatDay(u, a), ClassCount(u, a)) <
             std::make_pair(SubjectThatDay(u, b), ClassCount(u, b));
    });
    // First: the next lesson of the day (no gaps); then any free lesson.
    for (int pass = 0; pass < 2; ++pass) {
      for (int day : order) {
        if (pass == 0) {
          const int n = std::max(ClassCount(u, day) + 1, u.earliest);
          if (n > per_day_) continue;
          if (auto rooms = Fits(u, day, n)) {
            Take(u, day, n, *rooms, plan);
            return true;
          }
        } else {
          for (int n = u.earliest; n <= per_day_; ++n) {
            if (auto rooms = Fits(u, day, n)) {
              Take(u, day, n, *rooms, plan);
              return true;
            }
          }
        }
      }
    }
    return false;
  }

 private:
  int days_;
  int per_day_;
  Busy teachers_, rooms_, classes_;
  std::map<std::pair<int64_t, int>, int> class_count_;
  std::set<std::tuple<int64_t, int, int64_t, int>> subject_days_;
};

}  // namespace

WeekPlan PlaceWeek(const std::vector<Unit>& units, int days, int lessons_per_day) {
  // The hardest first: several teachers at once, few rooms, late starts.
  std::vector<size_t> order(units.size());
  std::iota(order.begin(), order.end(), 0);
  auto hardness = [&](const Unit& u) {
    size_t fewest_rooms = 1000;
    for (const auto& p : u.parts) {
      if (!p.rooms.empty()) fewest_rooms = std::min(fewest_rooms, p.rooms.size());
    }
    return std::make_tuple(-static_cast<int>(u.parts.size()), -u.earliest, fewest_rooms, -u.per_week);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return hardness(units[a]) < hardness(units[b]); });
  WeekPlan plan;
  Placer placer(days, lessons_per_day);
  // Round-robin over the units, one lesson at a time, so that a subject's
  // hours spread over the week instead of one unit filling the good slots.
  int most = 0;
  for (const auto& u : units) most = std::max(most, u.per_week);
  for (int round = 0; round < most; ++round) {
    for (size_t i : order) {
      if (round >= units[i].per_week) continue;
      if (!placer.Place(units[i], plan)) ++plan.unplaced;
    }
  }
  return plan;
}

}  // namespace ej::service::demo
