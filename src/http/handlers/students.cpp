// Students: admission, transfer, departure, absences and progress (docs/api/openapi.yaml:
// /students, /students/{id}/transfer, /students/{id}/departure, /students/{id}/absence-reason,
// /students/{id}/progress).
#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::ErrorCode;

namespace {

service::NewParent ReadParent(RequestReader& in, const json::value& v, const std::string& where) {
  auto item = in.Item(v, where, {"lastName", "firstName", "middleName", "relation", "email", "phone"});
  return {item.String("lastName", 100), item.String("firstName", 100), item.OptString("middleName", 100),
          item.String("relation", 20),  item.OptString("email", 254),  item.OptString("phone", 30)};
}

// The order's number and date, as every movement of a student has.
service::Order ReadOrder(RequestReader& in) { return {in.String("orderNumber", 50), in.String("orderDate", 10)}; }

json::object ProgressJson(const service::StudentProgress& p) {
  json::array subjects = ArrayOf(p.subjects, [](const auto& s) {
    json::array marks = ArrayOf(s.marks, [](const auto& m) {
      return json::object{{"id", m.id},         {"date", m.lesson_date}, {"value", m.value}, {"workType", m.work_type},
                          {"weight", m.weight}, {"late", m.late}};
    });
    json::object o{{"subject", NamedJson(s.subject)}, {"marks", std::move(marks)}};
    AddAverages(o, s.averages, s.forecast);
    o["periodMark"] = OrNull(s.period_mark);
    return o;
  });
  return {{"student", NamedJson(p.student, "fullName")},
          {"period", PeriodJson(p.period)},
          {"subjects", std::move(subjects)}};
}

}  // namespace

// POST /api/v1/students: admission by order, with the parents.
Response AdmitStudent(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"lastName", "firstName", "middleName", "sex", "birthDate", "classId", "date", "orderNumber", "orderDate",
           "parents"});
  in.NameFieldsAs("");  // a field by its name alone, as the parents' by their path
  service::Admission a;
  a.last_name = in.String("lastName", 100);
  a.first_name = in.String("firstName", 100);
  a.middle_name = in.OptString("middleName", 100);
  const std::string sex = in.String("sex", 10);
  a.birth_date = in.String("birthDate", 10);
  a.date = in.String("date", 10);
  a.order = ReadOrder(in);
  auto parsed_sex = domain::ParseSex(sex);
  in.Check(parsed_sex.has_value(), ErrorCode::kInvalidValue, "sex (male, female)");
  a.sex = parsed_sex.value_or(domain::Sex::kMale);
  a.class_id = in.Int("classId");
  a.parents = in.Each(in.OptArray("parents"), "parents", ReadParent);
  if (!in.ok()) return ErrorResponse(in.error());
  auto id = ctx.services.roster.Admit(*ctx.conn, ctx.actor(), a);
  if (!id) return ErrorResponse(id.error());
  auto person = ctx.services.users.GetPerson(*ctx.conn, ctx.actor(), *id);
  return JsonResponse(201, json::object{{"id", *id}, {"fullName", person ? person->full_name : ""}});
}

// POST /api/v1/students/{id}/transfer {"toClassId", "date", "orderNumber", "orderDate"}
Response TransferStudent(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"toClassId", "date", "orderNumber", "orderDate"});
  in.NameFieldsAs("");
  const std::string date = in.String("date", 10);
  const service::Order order = ReadOrder(in);
  const int64_t to = in.Int("toClassId");
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.roster.Transfer(*ctx.conn, ctx.actor(), id, to, date, order), MovementJson);
}

// POST /api/v1/students/{id}/departure {"date", "orderNumber", "orderDate", "reason"?}
Response DismissStudent(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"date", "orderNumber", "orderDate", "reason"});
  in.NameFieldsAs("");
  const std::string date = in.String("date", 10);
  const service::Order order = ReadOrder(in);
  const auto reason = in.OptString("reason", 100);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.roster.Dismiss(*ctx.conn, ctx.actor(), id, date, order, reason), MovementJson);
}

// POST /api/v1/students/{id}/absence-reason: {from, to, reason: ill | excused | unexcused}
Response SetAbsenceReason(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"from", "to", "reason"});
  const std::string from = in.String("from", 10);
  const std::string to = in.OptString("to", 10).value_or(from);
  const std::string reason = in.String("reason", 20);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.attendance.SetAbsenceReason(*ctx.conn, ctx.actor(), id, from, to, reason),
               [](const auto& changed) {
                 return json::object{{"lessons", changed}};
               });
}

// GET /api/v1/students/{id}/progress?date=: the marks of the study period, the averages and the
// forecast.
Response GetStudentProgress(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(
        200, ctx.services.progress.Progress(*ctx.conn, ctx.actor(), id, ctx.request.QueryParam("date").value_or("")),
        ProgressJson);
  });
}

}  // namespace ej::http::handlers
