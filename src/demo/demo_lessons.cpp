// The demo school's groups and weekly timetable: language subgroups (halves
// of the class list), an elective across the tenth grade, the first graders'
// after-school group, and a conflict-free week (PlaceWeek) for all of them
// from the first day of the year.
#include <algorithm>
#include <iterator>

#include "demo/demo_school.h"
#include "demo/demo_tables.h"
#include "service/common/principal.h"
#include "service/school/group_service.h"
#include "service/timetable/template_service.h"
#include "service/timetable/timetable_service.h"

namespace ej::service::demo {

using domain::GroupKind;
using domain::LessonTarget;
using storage::Value;

void SchoolBuilder::BuildTimetable() {
  std::vector<Unit> units;
  for (size_t i = 0; i < classes_.size(); ++i) {
    for (const auto& [s, teachers] : classes_[i].teachers) units.push_back(SubjectUnit(i, s, teachers));
  }
  units.push_back(ElectiveUnit());
  AddAfterSchoolGroup();
  SaveWeek(units);
}

// A subject's lessons in class `class_index`: the whole class in its home
// room (the gym, the workshop), or two subgroups at the same time, the first
// staying in the home room.
Unit SchoolBuilder::SubjectUnit(size_t class_index, size_t s, const std::vector<int64_t>& teachers) {
  const ClassInfo& c = classes_[class_index];
  const SubjectDef& def = kSubjects[s];
  const int64_t home = rooms_[class_index];
  Unit unit;
  unit.classes = {c.id};
  unit.per_week = def.hours[static_cast<size_t>(c.grade - 1)];
  if (teachers.size() == 2) {
    const std::string short_name(def.short_name);
    const std::string class_name = ClassName(c.grade, std::string(c.letter));
    const size_t half = (c.students.size() + 1) / 2;
    std::vector<int64_t> other_rooms(rooms_.rbegin(), rooms_.rend());
    for (int g = 0; g < 2; ++g) {
      NewGroup group;
      group.kind = GroupKind::kSubgroup;
      group.name = class_name + " " + short_name + ", гр. " + std::to_string(g + 1);
      group.class_id = c.id;
      group.subject_id = subject_ids_[s];
      group.teacher_id = teachers[static_cast<size_t>(g)];
      const int64_t group_id = groups::Insert(conn_, school_id_, year_id_, group, 1);
      ++stats_.groups;
      const size_t from = g == 0 ? 0 : half;
      const size_t to = g == 0 ? half : c.students.size();
      for (size_t k = from; k < to; ++k) groups::AddMember(conn_, school_id_, group_id, c.students[k], year_start_);
      unit.parts.push_back({LessonTarget::Group(group_id), subject_ids_[s], group.teacher_id.value(),
                            g == 0 ? std::vector<int64_t>{home} : other_rooms});
    }
    return unit;
  }
  std::vector<int64_t> where = {home};
  if (def.specialty == "pe") where = {halls_[0], halls_[1]};
  if (def.specialty == "labour" && c.grade >= 5) where = {halls_[3], home};
  unit.parts.push_back({LessonTarget::Class(c.id), subject_ids_[s], teachers.front(), where});
  return unit;
}

// An elective for the tenth grade (every other student of 10А and 10Б),
// after the lessons.
Unit SchoolBuilder::ElectiveUnit() {
  std::vector<int64_t> tenth;
  std::vector<int64_t> members;
  for (const auto& c : classes_) {
    if (c.grade != 10) continue;
    tenth.push_back(c.id);
    for (size_t k = 0; k < c.students.size(); k += 2) members.push_back(c.students[k]);
  }
  const auto social = std::find_if(std::begin(kSubjects), std::end(kSubjects),
                                   [](const SubjectDef& d) { return d.name == "Обществознание"; });
  const int64_t subject_id = subject_ids_[static_cast<size_t>(social - std::begin(kSubjects))];
  NewGroup elective;
  elective.kind = GroupKind::kLearning;
  elective.name = "Элективный курс «Финансовая грамотность», 10 кл.";
  elective.subject_id = subject_id;
  elective.teacher_id = LeastLoaded("history").id;
  elective.half_hours_per_week = 2;
  const int64_t elective_id = groups::Insert(conn_, school_id_, year_id_, elective, 1);
  ++stats_.groups;
  for (int64_t id : members) groups::AddMember(conn_, school_id_, elective_id, id, year_start_);
  Unit unit;
  unit.classes = tenth;
  unit.per_week = 1;
  unit.earliest = 7;
  unit.parts.push_back({LessonTarget::Group(elective_id), subject_id, *elective.teacher_id, {rooms_.back()}});
  return unit;
}

// The after-school group of the first grade: half of each first class.
void SchoolBuilder::AddAfterSchoolGroup() {
  NewGroup after_school;
  after_school.kind = GroupKind::kAfterSchool;
  after_school.name = "ГПД 1-х классов";
  after_school.teacher_id = classes_.front().class_teacher;
  const int64_t after_school_id = groups::Insert(conn_, school_id_, year_id_, after_school, 1);
  ++stats_.groups;
  for (const auto& c : classes_) {
    if (c.grade != 1) continue;
    for (size_t k = 0; k < c.students.size() / 2; ++k) {
      groups::AddMember(conn_, school_id_, after_school_id, c.students[k], year_start_);
    }
  }
}

// The week placed, saved as the templates of the year (their lessons dated
// from its first day).
void SchoolBuilder::SaveWeek(const std::vector<Unit>& units) {
  const WeekPlan plan = PlaceWeek(units, 5, 8);
  stats_.unplaced_lessons += plan.unplaced;
  for (const auto& [target, slots] : plan.slots) {
    timetable::SaveTemplateUnchecked(conn_, admin_, now_, {target, year_start_, slots});
  }
  auto count = conn_.QueryOne("SELECT COUNT(*) FROM lessons WHERE school_id = $1", {Value{school_id_}});
  stats_.lessons += static_cast<int>(count->Int(0));
}

}  // namespace ej::service::demo
