#include "service/people/roster_rows.h"

#include <map>

#include "service/common/principal.h"
#include "service/common/sql.h"
#include "storage/columns.h"

namespace ej::service::roster {

using storage::Value;

namespace {

struct MovementColumns : storage::Columns {
  size_t id = Add("m.id");
  size_t student_id = Add("m.student_id");
  size_t last = Add("u.last_name");
  size_t first = Add("u.first_name");
  size_t middle = Add("u.middle_name");
  size_t kind = Add("m.kind");
  size_t effective_on = Add("m.effective_on");
  size_t order_number = Add("m.order_number");
  size_t order_date = Add("m.order_date");
  size_t from_grade = Add("fc.grade");
  size_t from_letter = Add("fc.letter");
  size_t to_grade = Add("tc.grade");
  size_t to_letter = Add("tc.letter");
  size_t note = Add("m.note");
};
const MovementColumns kMovement;

}  // namespace

std::vector<MovementView> LoadMovements(storage::Connection& conn, std::string_view where,
                                        std::initializer_list<Value> params) {
  const MovementColumns& k = kMovement;
  std::vector<MovementView> out;
  std::string sql = "SELECT " + k.List() +
                    " FROM student_movements m JOIN users u ON u.id = m.student_id"
                    " LEFT JOIN classes fc ON fc.id = m.from_class_id LEFT JOIN classes tc ON tc.id = m.to_class_id"
                    " WHERE ";
  sql += where;
  sql += " ORDER BY m.effective_on, m.id";
  for (const auto& r : conn.Query(sql, params)) {
    MovementView v;
    v.id = r.Int(k.id);
    v.student_id = r.Int(k.student_id);
    v.student_name = FullName(r.Text(k.last), r.Text(k.first), r.OptText(k.middle));
    v.kind = r.Text(k.kind);
    v.effective_on = r.Text(k.effective_on).substr(0, 10);
    v.order = {r.Text(k.order_number), r.Text(k.order_date).substr(0, 10)};
    if (!r.IsNull(k.from_grade)) v.from_class = ClassName(r.Int(k.from_grade), r.Text(k.from_letter));
    if (!r.IsNull(k.to_grade)) v.to_class = ClassName(r.Int(k.to_grade), r.Text(k.to_letter));
    v.note = r.OptText(k.note);
    out.push_back(std::move(v));
  }
  return out;
}

namespace {

struct RosterStudentColumns : storage::Columns {
  size_t id = Add("u.id");
  size_t last = Add("u.last_name");
  size_t first = Add("u.first_name");
  size_t middle = Add("u.middle_name");
  size_t enrolled_on = Add("e.starts_on");
  size_t birth_date = Add("u.birth_date");
  size_t sex = Add("u.sex");
  size_t activated = Add("u.activated_at IS NOT NULL");
};
const RosterStudentColumns kRosterStudent;

}  // namespace

void LoadStudents(storage::Connection& conn, ClassRoster& out) {
  const RosterStudentColumns& k = kRosterStudent;
  for (const auto& r :
       conn.Query("SELECT " + k.List() +
                      " FROM enrolments e JOIN users u ON u.id = e.student_id"
                      " WHERE e.class_id = $1 AND " +
                      sql::ActiveOn("e", "$2") + " ORDER BY u.last_name, u.first_name, u.middle_name, u.id",
                  {Value{out.class_id}, Value{out.date}})) {
    RosterStudent s;
    s.id = r.Int(k.id);
    s.full_name = FullName(r.Text(k.last), r.Text(k.first), r.OptText(k.middle));
    s.enrolled_on = r.Text(k.enrolled_on);
    if (out.personal_data) {
      s.birth_date = r.OptText(k.birth_date);
      s.sex = r.OptText(k.sex);
      s.activated = r.Int(k.activated) != 0;
    }
    out.students.push_back(std::move(s));
  }
}

namespace {

struct RosterParentColumns : storage::Columns {
  size_t student_id = Add("g.student_id");
  size_t id = Add("p.id");
  size_t last = Add("p.last_name");
  size_t first = Add("p.first_name");
  size_t middle = Add("p.middle_name");
  size_t relation = Add("g.relation");
  size_t phone = Add("p.phone");
  size_t email = Add("p.email");
  size_t activated = Add("p.activated_at IS NOT NULL");
  // "kind|effective_on|document" of the latest consent on the day.
  size_t consent =
      Add("(SELECT c.kind || '|' || c.effective_on || '|' || c.document FROM parent_consents c"
          "   WHERE c.parent_id = p.id AND c.effective_on <= $2 ORDER BY c.effective_on DESC, c.id DESC LIMIT 1)");
};
const RosterParentColumns kRosterParent;

}  // namespace

void LoadParents(storage::Connection& conn, ClassRoster& out) {
  std::map<int64_t, size_t> index;
  for (size_t i = 0; i < out.students.size(); ++i) index[out.students[i].id] = i;
  const RosterParentColumns& k = kRosterParent;
  for (const auto& r : conn.Query("SELECT " + k.List() +
                                      " FROM guardians g JOIN users p ON p.id = g.parent_id"
                                      " JOIN enrolments e ON e.student_id = g.student_id"
                                      " WHERE e.class_id = $1 AND " +
                                      sql::ActiveOn("e", "$2") + " ORDER BY g.student_id, g.id",
                                  {Value{out.class_id}, Value{out.date}})) {
    RosterParent p;
    p.id = r.Int(k.id);
    p.full_name = FullName(r.Text(k.last), r.Text(k.first), r.OptText(k.middle));
    p.relation = r.Text(k.relation);
    p.phone = r.OptText(k.phone);
    p.email = r.OptText(k.email);
    p.activated = r.Int(k.activated) != 0;
    if (auto consent = r.OptText(k.consent)) {
      const size_t a = consent->find('|');
      const size_t b = consent->find('|', a + 1);
      p.consent = consent->substr(0, a);
      p.consent_on = consent->substr(a + 1, b - a - 1);
      p.consent_document = consent->substr(b + 1);
    }
    out.students[index.at(r.Int(k.student_id))].parents.push_back(std::move(p));
  }
}

}  // namespace ej::service::roster
