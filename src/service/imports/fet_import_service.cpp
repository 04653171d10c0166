#include "service/imports/fet_import_service.h"

#include <charconv>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "domain/bells.h"
#include "domain/calendar.h"
#include "domain/rights.h"
#include "domain/timetable.h"
#include "formats/fet.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/school/facility_service.h"
#include "service/timetable/template_service.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::LessonTarget;
using domain::Resource;
using storage::TxMode;
using storage::Value;
using table_columns::Fold;

namespace {

constexpr size_t kMaxPlacements = 20000;

struct GroupColumns : storage::Columns {
  size_t id = Add("id");
  size_t name = Add("name");
};
const GroupColumns kGroup;
const std::string kGroupsOfYear = "SELECT " + kGroup.List() + " FROM study_groups WHERE year_id = $1";

struct SubjectColumns : storage::Columns {
  size_t id = Add("id");
  size_t name = Add("name");
  size_t short_name = Add("short_name");
};
const SubjectColumns kSubject;
const std::string kSubjectsOfSchool = "SELECT " + kSubject.List() + " FROM subjects WHERE school_id = $1";

struct TeacherColumns : storage::Columns {
  size_t id = Add("u.id");
  size_t last_name = Add("u.last_name");
  size_t first_name = Add("u.first_name");
  size_t middle_name = Add("u.middle_name");
  size_t login = Add("u.login");
};
const TeacherColumns kTeacher;
const std::string kTeachersOfSchool = "SELECT " + kTeacher.List() +
                                      " FROM users u JOIN user_roles r ON r.user_id = u.id"
                                      " WHERE r.school_id = $1 AND r.role = 'teacher'";

struct RoomColumns : storage::Columns {
  size_t id = Add("id");
  size_t name = Add("name");
};
const RoomColumns kRoom;
const std::string kRoomsOfSchool = "SELECT " + kRoom.List() + " FROM rooms WHERE school_id = $1";

// The files of one FET import: its CSV export alone, or its XML (the data
// file with <name>_activities.xml, or <name>_data_and_timetable.fet alone).
domain::Result<std::vector<formats::FetPlacement>> ReadFetFiles(const std::vector<ImportFile>& files) {
  static const char* kWhat =
      "нужен результат FET: <имя>_timetable.csv, или <имя>_data_and_timetable.fet, или файл данных .fet вместе с "
      "<имя>_activities.xml";
  if (files.empty() || files.size() > 2) return Error::WithDetail(ErrorCode::kImportBadFile, kWhat);
  const ImportFile* data = nullptr;
  const ImportFile* activities = nullptr;
  for (const auto& f : files) {
    if (f.bytes.empty()) return Error::WithDetail(ErrorCode::kImportBadFile, "файл " + f.name + " пустой");
    std::string ext;
    if (auto dot = f.name.rfind('.'); dot != std::string::npos) ext = Fold(f.name.substr(dot + 1));
    if (ext == "xlsx" || f.bytes.substr(0, 4) == "PK\x03\x04")
      return Error::WithDetail(ErrorCode::kImportBadFile, kWhat);
    switch (formats::DetectFetXml(f.bytes)) {
      case formats::FetXmlKind::kData:
        if (data) return Error::WithDetail(ErrorCode::kImportBadFile, "два файла данных FET: нужен один");
        data = &f;
        break;
      case formats::FetXmlKind::kActivities:
        if (activities)
          return Error::WithDetail(ErrorCode::kImportBadFile, "два файла <имя>_activities.xml: нужен один");
        activities = &f;
        break;
      case formats::FetXmlKind::kNone:
        if (ext == "xml" || ext == "fet" || f.bytes.find("<?xml") == 0) {
          return Error::WithDetail(ErrorCode::kImportBadFile, f.name + ": это XML, но не файл FET");
        }
        if (files.size() != 1) return Error::WithDetail(ErrorCode::kImportBadFile, kWhat);
        return formats::ParseFetTimetableCsv(f.bytes);
    }
  }
  if (!data) {
    return Error::WithDetail(ErrorCode::kImportBadFile,
                             "к <имя>_activities.xml нужен файл данных FET (.fet): в нём учителя, предметы и классы");
  }
  return formats::ParseFetTimetableXml(data->bytes,
                                       activities ? std::string_view(activities->bytes) : std::string_view());
}

domain::Result<std::vector<formats::FetPlacement>> ReadPlacements(const std::vector<ImportFile>& files) {
  auto placements = ReadFetFiles(files);
  if (placements && placements->size() > kMaxPlacements) {
    return Error::WithDetail(ErrorCode::kImportBadFile, "слишком много строк");
  }
  return placements;
}

std::string FormatOf(const std::vector<ImportFile>& files) {
  const bool csv = files.size() == 1 && formats::DetectFetXml(files[0].bytes) == formats::FetXmlKind::kNone;
  return csv ? "FET CSV" : "FET XML";
}

// The school's names a FET file is matched to, folded.
struct SchoolNames {
  std::map<std::string, LessonTarget> targets;  // «5а», «5а гр. 1»
  std::map<int64_t, std::string> class_names;
  std::map<int64_t, std::string> group_names;
  std::map<std::string, int64_t> subjects;  // by name and by short name
  std::map<std::string, int64_t> teachers;  // by full name, «Иванова А.П.», «Иванова А. П.», login
  std::map<std::string, int64_t> rooms;
  std::set<int> lesson_numbers;
  std::map<std::string, int> lesson_by_start;  // "08:30" -> 1
};

void LoadTargets(storage::Connection& conn, int64_t year_id, SchoolNames& names) {
  for (const auto& c : imports::ClassesOfYear(conn, year_id)) {
    const std::string name = ClassName(c.grade, c.letter);
    names.targets[Fold(name)] = LessonTarget::Class(c.id);
    names.class_names[c.id] = name;
  }
  for (const auto& r : conn.Query(kGroupsOfYear, {Value{year_id}})) {
    names.targets[Fold(r.Text(kGroup.name))] = LessonTarget::Group(r.Int(kGroup.id));
    names.group_names[r.Int(kGroup.id)] = r.Text(kGroup.name);
  }
}

// The first letter of a name (one UTF-8 character of Cyrillic or Latin).
std::string Initial(const std::string& name) {
  return name.substr(0, name.empty() ? 0 : (static_cast<unsigned char>(name[0]) < 0x80 ? 1 : 2));
}

void LoadTeachers(storage::Connection& conn, int64_t school_id, SchoolNames& names) {
  for (const auto& r : conn.Query(kTeachersOfSchool, {Value{school_id}})) {
    const int64_t id = r.Int(kTeacher.id);
    const std::string last = r.Text(kTeacher.last_name);
    const std::string first = r.Text(kTeacher.first_name);
    const std::optional<std::string> middle = r.OptText(kTeacher.middle_name);
    names.teachers[Fold(FullName(last, first, middle))] = id;
    const std::string m = middle.value_or("");
    const std::string short1 = last + " " + Initial(first) + "." + (m.empty() ? "" : Initial(m) + ".");
    const std::string short2 = last + " " + Initial(first) + "." + (m.empty() ? "" : " " + Initial(m) + ".");
    names.teachers.emplace(Fold(short1), id);
    names.teachers.emplace(Fold(short2), id);
    if (!r.IsNull(kTeacher.login)) names.teachers.emplace(Fold(r.Text(kTeacher.login)), id);
  }
}

SchoolNames LoadSchoolNames(storage::Connection& conn, int64_t school_id, int64_t year_id) {
  SchoolNames names;
  LoadTargets(conn, year_id, names);
  for (const auto& r : conn.Query(kSubjectsOfSchool, {Value{school_id}})) {
    names.subjects[Fold(r.Text(kSubject.name))] = r.Int(kSubject.id);
    names.subjects.emplace(Fold(r.Text(kSubject.short_name)), r.Int(kSubject.id));
  }
  LoadTeachers(conn, school_id, names);
  for (const auto& r : conn.Query(kRoomsOfSchool, {Value{school_id}})) {
    names.rooms[Fold(r.Text(kRoom.name))] = r.Int(kRoom.id);
  }
  for (const auto& b : facility::LoadBells(conn, year_id)) {
    for (const auto& l : b.lessons) {
      names.lesson_numbers.insert(l.number);
      names.lesson_by_start.emplace(domain::FormatTimeOfDay(l.starts_at), l.number);
    }
  }
  return names;
}

std::optional<int> MatchDay(const std::string& day) {
  static const std::map<std::string, int> kDays = {
      {"понедельник", 1}, {"пн", 1},  {"monday", 1},   {"mon", 1}, {"вторник", 2},   {"вт", 2},
      {"tuesday", 2},     {"tue", 2}, {"среда", 3},    {"ср", 3},  {"wednesday", 3}, {"wed", 3},
      {"четверг", 4},     {"чт", 4},  {"thursday", 4}, {"thu", 4}, {"пятница", 5},   {"пт", 5},
      {"friday", 5},      {"fri", 5}, {"суббота", 6},  {"сб", 6},  {"saturday", 6},  {"sat", 6},
      {"воскресенье", 7}, {"вс", 7},  {"sunday", 7},   {"sun", 7}, {"1", 1},         {"2", 2},
      {"3", 3},           {"4", 4},   {"5", 5},        {"6", 6}};
  auto it = kDays.find(Fold(day));
  return it == kDays.end() ? std::nullopt : std::optional<int>(it->second);
}

// An hour is a lesson number of the bells («3») or the time it starts («09:30»).
std::optional<int> MatchHour(const std::string& hour, const SchoolNames& names) {
  int n = 0;
  auto [end, ec] = std::from_chars(hour.data(), hour.data() + hour.size(), n);
  const std::string_view rest(end, static_cast<size_t>(hour.data() + hour.size() - end));
  if (ec == std::errc() && (rest.empty() || rest[0] != ':') && names.lesson_numbers.count(n)) return n;
  if (hour.size() >= 5) {
    auto it = names.lesson_by_start.find(hour.substr(0, 5));
    if (it != names.lesson_by_start.end()) return it->second;
  }
  return std::nullopt;
}

// Students sets joined with «+» name a class or a group; a single one may be
// a class written another way («5 г»).
std::optional<LessonTarget> MatchTarget(const std::vector<std::string>& sets, const std::string& joined,
                                        const SchoolNames& names) {
  if (auto it = names.targets.find(Fold(joined)); it != names.targets.end()) return it->second;
  if (sets.size() != 1) return std::nullopt;
  auto parsed = table_columns::ParseClassName(sets[0]);
  if (!parsed) return std::nullopt;
  auto c = names.targets.find(Fold(ClassName(parsed->first, parsed->second)));
  return c == names.targets.end() ? std::nullopt : std::optional<LessonTarget>(c->second);
}

// Names the school doesn't have, each listed once with its first 20 lines.
class Unmatched {
 public:
  explicit Unmatched(ImportReport& report) : report_(report) {}

  void Add(const char* kind, const std::string& name, int line) {
    auto key = std::make_pair(std::string(kind), name);
    auto it = index_.find(key);
    if (it == index_.end()) {
      it = index_.emplace(key, report_.unmatched.size()).first;
      report_.unmatched.push_back({kind, name, {}});
    }
    if (report_.unmatched[it->second].lines.size() < 20) report_.unmatched[it->second].lines.push_back(line);
  }

 private:
  ImportReport& report_;
  std::map<std::pair<std::string, std::string>, size_t> index_;
};

// The one teacher of a lesson; several or none is an error of the row.
std::optional<int64_t> MatchTeacher(const formats::FetPlacement& p, const SchoolNames& names, ImportReport& report,
                                    Unmatched& unmatched) {
  if (p.teachers.size() != 1) {
    imports::AddError(report, p.line,
                      p.teachers.empty() ? "у занятия нет учителя"
                                         : "у занятия несколько учителей: в расписании урок ведёт один "
                                           "(разделите класс на подгруппы)");
    return std::nullopt;
  }
  if (auto it = names.teachers.find(Fold(p.teachers[0])); it != names.teachers.end()) return it->second;
  unmatched.Add("teacher", p.teachers[0], p.line);
  return std::nullopt;
}

using Weeks = std::map<LessonTarget, std::vector<domain::TemplateSlot>>;

// A placed activity into the week of its class or group, when every name in
// it is the school's.
void MatchPlacement(const formats::FetPlacement& p, const SchoolNames& names, ImportReport& report,
                    Unmatched& unmatched, Weeks& weeks) {
  if (p.day.empty() || p.hour.empty()) {
    imports::AddError(report, p.line, "занятие " + p.activity_id + " не размещено FET (нет дня или часа)");
    return;
  }
  const auto day = MatchDay(p.day);
  if (!day) unmatched.Add("day", p.day, p.line);
  const auto number = MatchHour(p.hour, names);
  if (!number) unmatched.Add("hour", p.hour, p.line);
  std::string joined;
  for (const auto& s : p.students_sets) joined += (joined.empty() ? "" : "+") + s;
  const auto target = MatchTarget(p.students_sets, joined, names);
  if (!target) unmatched.Add("students", joined.empty() ? "(пусто)" : joined, p.line);
  const auto subject = names.subjects.find(Fold(p.subject));
  if (subject == names.subjects.end()) unmatched.Add("subject", p.subject, p.line);
  const auto teacher = MatchTeacher(p, names, report, unmatched);
  std::optional<int64_t> room;
  bool room_known = true;
  if (!p.room.empty()) {
    if (auto it = names.rooms.find(Fold(p.room)); it != names.rooms.end()) {
      room = it->second;
    } else {
      unmatched.Add("room", p.room, p.line);
      room_known = false;
    }
  }
  if (!day || !number || !target || subject == names.subjects.end() || !teacher || !room_known) return;
  weeks[*target].push_back({*day, *number, subject->second, *teacher, room});
}

Weeks MatchPlacements(const std::vector<formats::FetPlacement>& placements, const SchoolNames& names,
                      ImportReport& report) {
  Unmatched unmatched(report);
  Weeks weeks;
  for (const auto& p : placements) MatchPlacement(p, names, report, unmatched, weeks);
  for (const auto& [target, slots] : weeks) {
    report.timetable.push_back(
        {target.kind == LessonTarget::Kind::kClass ? names.class_names.at(target.id) : names.group_names.at(target.id),
         static_cast<int>(slots.size())});
  }
  return weeks;
}

domain::Status CheckMatched(const ImportReport& report) {
  if (report.errors.empty() && report.unmatched.empty()) return domain::Ok{};
  return Error::WithDetail(ErrorCode::kImportInvalidRows,
                           std::to_string(report.unmatched.size()) + " неизвестных названий, " +
                               std::to_string(report.errors.size()) + " строк с ошибками");
}

// Each week from `from`, with the conflict checks of a template.
domain::Status WriteWeeks(storage::Connection& conn, const domain::Actor& actor, const Clock& clock,
                          const std::string& from, const Weeks& weeks, ImportReport& report) {
  const std::string today = clock.Today();
  const int64_t now = clock.Now();
  for (const auto& [target, slots] : weeks) {
    auto saved = timetable::SetTemplateIn(conn, actor, today, now, {target, from, slots});
    if (!saved) return saved.error();
    report.lessons_created += saved->lessons_created;
  }
  return domain::Ok{};
}

}  // namespace

domain::Result<ImportReport> FetImportService::Import(storage::Connection& conn, const domain::Actor& actor,
                                                      const std::vector<ImportFile>& files,
                                                      std::optional<int64_t> school, const std::string& valid_from,
                                                      bool apply) {
  const int64_t school_id = imports::SchoolOf(actor, school);
  if (!domain::Allowed(actor, Action::kManageTimetable, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  const std::string from = valid_from.empty() ? clock_.Today() : valid_from;
  if (!domain::ParseDate(from)) return Error::WithDetail(ErrorCode::kInvalidValue, "validFrom (ГГГГ-ММ-ДД)");
  auto placements = ReadPlacements(files);
  if (!placements) return placements.error();
  ImportReport report;
  report.format = FormatOf(files);

  storage::Transaction tx(conn, apply ? TxMode::kWrite : TxMode::kRead);
  auto year = lookup::YearOn(conn, school_id, from);
  if (!year) return Error::WithDetail(ErrorCode::kInvalidValue, "validFrom: в этот день не идёт учебный год");
  const Weeks weeks = MatchPlacements(*placements, LoadSchoolNames(conn, school_id, *year), report);
  if (apply) {
    if (auto matched = CheckMatched(report); !matched) return matched.error();
    if (auto written = WriteWeeks(conn, actor, clock_, from, weeks, report); !written) return written.error();
    report.applied = true;
  }
  tx.Commit();
  return report;
}

}  // namespace ej::service
