#include "http/handlers/serialize.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "domain/bells.h"
#include "domain/capabilities.h"

namespace ej::http {

namespace json = boost::json;

json::object NamedJson(const service::Named& n, const char* name_key) {
  return json::object{{"id", n.id}, {name_key, n.name}};
}

json::value NamedJson(const std::optional<service::Named>& n, const char* name_key) {
  return n ? json::value(NamedJson(*n, name_key)) : json::value(nullptr);
}

json::value SnapshotJson(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(*s, ec);
  return ec ? json::value(*s) : v;
}

double Hours(int half_hours) { return half_hours / 2.0; }

json::array HistoryJson(const std::vector<service::events::StoredEvent>& events, const char* reason_key) {
  return ArrayOf(events, [&](const service::events::StoredEvent& e) {
    return json::object{
        {"id", e.id},
        {"action", e.action},
        {"at", e.occurred_at},
        {"by", e.actor_id ? json::value(NamedJson(service::Named{*e.actor_id, e.actor_name}, "fullName")) : nullptr},
        {"before", SnapshotJson(e.before)},
        {"after", SnapshotJson(e.after)},
        {reason_key, std::string_view(reason_key) == "reason" ? OrNull(e.reason) : SnapshotJson(e.reason)},
        {"review", OrNull(e.review)}};
  });
}

json::object ProfileJson(const service::Profile& p) {
  json::array roles;
  for (const auto& r : p.roles) {
    json::object role{{"role", domain::ToString(r.role)}, {"schoolId", r.school_id}, {"schoolName", r.school_name}};
    if (r.class_id) {
      role["classId"] = *r.class_id;
      role["className"] = OrNull(r.class_name);
    }
    if (r.role == domain::Role::kParent) {
      json::array children;
      for (const auto& c : r.children) {
        children.push_back(json::object{{"id", c.id},
                                        {"fullName", c.full_name},
                                        {"classId", OrNull(c.class_id)},
                                        {"className", OrNull(c.class_name)}});
      }
      role["children"] = std::move(children);
    }
    roles.push_back(std::move(role));
  }
  return json::object{{"id", p.id},
                      {"login", p.login},
                      {"fullName", p.full_name},
                      {"lastName", p.last_name},
                      {"firstName", p.first_name},
                      {"middleName", OrNull(p.middle_name)},
                      {"roles", std::move(roles)}};
}

namespace {

json::array ActionsJson(const std::vector<domain::Action>& actions) {
  json::array out;
  for (domain::Action a : actions) out.emplace_back(domain::ActionName(a));
  return out;
}

}  // namespace

json::object UserJson(const service::Principal& principal) {
  json::object out = ProfileJson(principal.profile);
  json::array capabilities;
  for (const auto& school : domain::CapabilitiesOf(principal.actor)) {
    json::array classes;
    for (const auto& c : school.classes) {
      classes.push_back(json::object{{"classId", c.class_id}, {"actions", ActionsJson(c.actions)}});
    }
    capabilities.push_back(json::object{
        {"schoolId", school.school_id}, {"actions", ActionsJson(school.actions)}, {"classes", std::move(classes)}});
  }
  out["capabilities"] = std::move(capabilities);
  return out;
}

json::object PersonJson(const service::PersonView& v) {
  json::array roles;
  for (const auto& r : v.roles) {
    json::object role{{"role", domain::ToString(r.role)}, {"schoolId", r.school_id}};
    if (r.class_id) {
      role["classId"] = *r.class_id;
      role["className"] = OrNull(r.class_name);
    }
    if (r.position) role["position"] = *r.position;
    roles.push_back(std::move(role));
  }
  json::object out{{"id", v.id},
                   {"fullName", v.full_name},
                   {"lastName", v.last_name},
                   {"firstName", v.first_name},
                   {"middleName", OrNull(v.middle_name)},
                   {"roles", std::move(roles)}};
  if (v.details) {
    out["login"] = OrNull(v.login);
    out["email"] = OrNull(v.email);
    out["phone"] = OrNull(v.phone);
    out["locked"] = v.locked;
  }
  return out;
}

namespace {

json::value LessonRefJson(const std::optional<service::LessonRef>& r) {
  if (!r) return nullptr;
  return json::object{{"lessonId", r->id}, {"date", r->date}, {"lessonNumber", r->lesson_number}};
}

// Averages rounded to hundredths, as people read them.
double Hundredths(double v) { return static_cast<double>(static_cast<int64_t>(v * 100 + 0.5)) / 100; }

}  // namespace

json::object LessonJson(const service::LessonView& l) {
  return {{"id", l.id},
          {"date", l.date},
          {"lessonNumber", l.lesson_number},
          {"start", domain::FormatTimeOfDay(l.starts_at)},
          {"end", domain::FormatTimeOfDay(l.ends_at)},
          {"subject", NamedJson(l.subject)},
          {"teacher", NamedJson(l.teacher, "fullName")},
          {"plannedTeacher", NamedJson(l.planned_teacher, "fullName")},
          {"room", NamedJson(l.room)},
          {"class", NamedJson(l.class_)},
          {"group", NamedJson(l.group)},
          {"status", domain::ToString(l.status)},
          {"movedTo", LessonRefJson(l.moved_to)},
          {"movedFrom", LessonRefJson(l.moved_from)},
          {"reason", OrNull(l.change_reason)}};
}

json::object SubjectJson(const service::SubjectView& s) {
  return {{"id", s.id}, {"name", s.name}, {"shortName", s.short_name}};
}

json::object MovementJson(const service::MovementView& m) {
  return {{"id", m.id},
          {"studentId", m.student_id},
          {"studentName", m.student_name},
          {"kind", m.kind},
          {"date", m.effective_on},
          {"orderNumber", m.order.number},
          {"orderDate", m.order.date},
          {"fromClass", OrNull(m.from_class)},
          {"toClass", OrNull(m.to_class)},
          {"note", OrNull(m.note)}};
}

json::object PeriodJson(const service::JournalPeriod& p) {
  return {{"kind", p.kind}, {"number", p.number}, {"name", p.name}, {"startsOn", p.starts_on}, {"endsOn", p.ends_on}};
}

namespace {

// The fields of a mark, in their order in the answers; `full`: a mark's own
// answer, else the grid's.
json::object MarkFields(const service::MarkView& m, bool full) {
  json::object o{{"id", m.id}, {"lessonId", m.lesson_id}, {"studentId", m.student_id}};
  if (full) o["date"] = m.lesson_date;
  o["value"] = m.value;
  o["workTypeId"] = m.work_type_id;
  o["workType"] = m.work_type;
  o["weight"] = m.weight;
  o["comment"] = OrNull(m.comment);
  o["document"] = OrNull(m.document);
  o["version"] = m.version;
  o["late"] = m.late;
  if (!full) return o;
  o["removed"] = m.removed;
  o["createdBy"] = m.created_by;
  o["createdAt"] = m.created_at;
  o["updatedAt"] = OrNull(m.updated_at);
  return o;
}

}  // namespace

json::object MarkJson(const service::MarkView& m) { return MarkFields(m, true); }

json::object GridMarkJson(const service::MarkView& m) { return MarkFields(m, false); }

json::object AttendanceJson(const service::AttendanceView& a) {
  return {{"id", a.id},     {"lessonId", a.lesson_id},    {"studentId", a.student_id}, {"date", a.date},
          {"kind", a.kind}, {"reason", OrNull(a.reason)}, {"version", a.version}};
}

json::object CommentJson(const service::LessonComment& c) {
  return {{"id", c.id},
          {"lessonId", c.lesson_id},
          {"studentId", c.student_id},
          {"date", c.date},
          {"kind", c.kind},
          {"text", c.text},
          {"toParents", c.to_parents},
          {"version", c.version},
          {"author", NamedJson(c.author, "fullName")},
          {"createdAt", c.created_at}};
}

json::object FileJson(const service::LessonFile& f) {
  return {{"id", f.id},
          {"lessonId", f.lesson_id},
          {"name", f.name},
          {"mediaType", f.media_type},
          {"size", f.size},
          {"sha256", f.sha256},
          {"uploadedBy", NamedJson(f.uploaded_by, "fullName")},
          {"uploadedAt", f.uploaded_at}};
}

json::object PeriodMarkJson(const service::PeriodMarkView& m) {
  return {{"id", m.id},       {"journalId", m.journal_id},      {"studentId", m.student_id}, {"kind", m.kind},
          {"value", m.value}, {"document", OrNull(m.document)}, {"version", m.version}};
}

json::object PlanJson(const service::PlanView& p) {
  json::array topics = ArrayOf(p.topics, [](const service::PlanTopic& t) {
    return json::object{{"id", t.id},       {"number", t.number}, {"section", OrNull(t.section)},
                        {"title", t.title}, {"hours", t.hours},   {"plannedOn", OrNull(t.planned_on)}};
  });
  json::array periods = ArrayOf(p.periods, [](const service::PlanPeriod& pp) {
    json::object o = PeriodJson(pp.period);
    o["planned"] = pp.planned;
    o["scheduled"] = pp.scheduled;
    o["held"] = pp.held;
    o["withTopic"] = pp.with_topic;
    return o;
  });
  return {{"journalId", p.journal_id},
          {"version", p.version},
          {"topics", std::move(topics)},
          {"planHours", p.plan_hours},
          {"curriculumHours", OrNull(p.curriculum_hours)},
          {"matchesCurriculum", p.curriculum_hours ? json::value(*p.curriculum_hours == p.plan_hours) : nullptr},
          {"yearLessons", p.year_lessons},
          {"periods", std::move(periods)},
          {"canEdit", p.can_edit}};
}

void AddAverages(json::object& out, const domain::Averages& a, std::optional<int> forecast) {
  out["count"] = a.count;
  out["plain"] = a.count ? json::value(Hundredths(a.plain)) : nullptr;
  out["weighted"] = a.count ? json::value(Hundredths(a.weighted)) : nullptr;
  out["forecast"] = OrNull(forecast);
}

}  // namespace ej::http
