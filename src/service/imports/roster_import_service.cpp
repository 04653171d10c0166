#include "service/imports/roster_import_service.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/account_rules.h"
#include "domain/calendar.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/people/roster_service.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using imports::Opt;
using imports::RowCheck;
using storage::TxMode;
using storage::Value;
using table_columns::Fold;

namespace {

// Whether the school has the student already: by name and birth date.
constexpr std::string_view kStudentOfSchool =
    "SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id AND r.school_id = $1 AND r.role = 'student'"
    " WHERE u.last_name = $2 AND u.first_name = $3 AND u.birth_date = $4 LIMIT 1";

std::optional<std::string> ParseSex(const std::string& text, const std::string& middle_name) {
  const std::string f = Fold(text);
  if (f == "м" || f == "муж" || f == "мужской" || f == "m" || f == "male") return "male";
  if (f == "ж" || f == "жен" || f == "женский" || f == "f" || f == "female") return "female";
  if (f.empty()) {
    const std::string m = Fold(middle_name);
    auto ends = [&](std::string_view s) {
      return m.size() >= s.size() && m.compare(m.size() - s.size(), s.size(), s) == 0;
    };
    if (ends("вич") || ends("ич") || ends("оглы")) return "male";
    if (ends("вна") || ends("чна") || ends("кызы")) return "female";
  }
  return std::nullopt;
}

std::optional<std::string> ParseRelation(const std::string& text) {
  const std::string f = Fold(text);
  if (f == "мать" || f == "мама") return "mother";
  if (f == "отец" || f == "папа") return "father";
  if (f == "опекун" || f == "попечитель" || f == "опекун (попечитель)" || f == "законный представитель")
    return "guardian";
  if (f.empty() || f == "другое" || f == "иное" || f == "бабушка" || f == "дедушка") return "other";
  return std::nullopt;
}

domain::Status CheckDateAndOrder(const RosterImportOptions& options, const std::string& day, bool apply) {
  if (!domain::ParseDate(day)) return Error::WithDetail(ErrorCode::kInvalidValue, "date (ГГГГ-ММ-ДД)");
  if (apply && (domain::Trim(options.order_number).empty() || !domain::ParseDate(options.order_date))) {
    return Error::WithDetail(ErrorCode::kMissingField, "orderNumber и orderDate: зачисление оформляется приказом");
  }
  return domain::Ok{};
}

domain::Result<table_columns::Columns> MatchRosterColumns(const formats::Row& header) {
  return imports::MatchRequiredColumns(
      header,
      {{"last", {"фамилия", "фамилия ученика", "фамилия обучающегося"}, true},
       {"first", {"имя", "имя ученика", "имя обучающегося"}, true},
       {"middle", {"отчество", "отчество ученика", "отчество обучающегося"}, false},
       {"birth", {"дата рождения", "д/р", "дата рожд."}, true},
       {"sex", {"пол"}, false},
       {"class", {"класс"}, true},
       {"p_last", {"фамилия родителя", "фамилия представителя"}, false},
       {"p_first", {"имя родителя", "имя представителя"}, false},
       {"p_middle", {"отчество родителя", "отчество представителя"}, false},
       {"relation", {"кем приходится", "степень родства", "родство"}, false},
       {"phone", {"телефон", "телефон родителя", "моб. телефон", "мобильный телефон"}, false},
       {"email", {"e-mail", "email", "эл. почта", "электронная почта", "e-mail родителя"}, false}},
      " (первая строка — заголовки)");
}

// What reading a row needs besides the row: the columns, the year's classes
// by grade and letter, and the admission every student gets.
struct RosterFile {
  const table_columns::Columns& columns;
  std::map<std::pair<int, std::string>, int64_t> classes;
  std::string day;
  Order order;
};

RosterFile RosterFileOf(storage::Connection& conn, int64_t year_id, const table_columns::Columns& columns,
                        const RosterImportOptions& options, const std::string& day) {
  RosterFile file{columns, {}, day, {}};
  for (const auto& c : imports::ClassesOfYear(conn, year_id)) file.classes[{c.grade, c.letter}] = c.id;
  file.order = {options.order_number.empty() ? "—" : options.order_number,
                options.order_date.empty() ? day : options.order_date};
  return file;
}

// A good row: its student (without parents), and the parent it names.
struct RosterRow {
  int line = 0;
  Admission admission;
  std::string sex;         // male, female
  std::string class_name;  // «5Д»
  std::optional<NewParent> parent;
};

// The student's cells of a row into `row`, every bad one reported.
void ReadStudent(const RosterFile& file, const formats::Row& cells, RowCheck& check, RosterRow& row) {
  const table_columns::Columns& columns = file.columns;
  const std::string last = columns.Get(cells, "last");
  const std::string first = columns.Get(cells, "first");
  const std::string middle = columns.Get(cells, "middle");
  if (last.empty()) check.Fail("не указана фамилия ученика");
  if (first.empty()) check.Fail("не указано имя ученика");
  auto birth = table_columns::ParseRussianDate(columns.Get(cells, "birth"));
  if (!birth) check.Fail("дата рождения «" + columns.Get(cells, "birth") + "» не распознана (ожидается ДД.ММ.ГГГГ)");
  auto sex = ParseSex(columns.Get(cells, "sex"), middle);
  if (!sex) check.Fail("пол «" + columns.Get(cells, "sex") + "» не распознан (м или ж)");
  const std::string class_text = columns.Get(cells, "class");
  auto class_name = table_columns::ParseClassName(class_text);
  if (!class_name) {
    check.Fail("класс «" + class_text + "» не распознан (например, 5А)");
  } else if (auto it = file.classes.find(*class_name); it == file.classes.end()) {
    check.Fail("класса " + ClassName(class_name->first, class_name->second) + " нет в учебном году");
  } else {
    row.admission.class_id = it->second;
    row.class_name = ClassName(class_name->first, class_name->second);
  }
  Admission& a = row.admission;
  a.last_name = last;
  a.first_name = first;
  a.middle_name = Opt(middle);
  a.sex = sex == "female" ? domain::Sex::kFemale : domain::Sex::kMale;
  a.birth_date = birth.value_or("");
  a.date = file.day;
  a.order = file.order;
  row.sex = sex.value_or("");
}

// The parent a row names, if it names one, every bad cell reported.
std::optional<NewParent> ReadParent(const table_columns::Columns& columns, const formats::Row& cells, RowCheck& check) {
  const std::string p_last = columns.Get(cells, "p_last");
  const std::string p_first = columns.Get(cells, "p_first");
  if (p_last.empty() && p_first.empty()) return std::nullopt;
  auto relation = ParseRelation(columns.Get(cells, "relation"));
  if (p_last.empty() || p_first.empty()) check.Fail("у родителя нужны фамилия и имя");
  if (!relation) check.Fail("«" + columns.Get(cells, "relation") + "»: кем приходится — мать, отец, опекун или другое");
  const std::string email = columns.Get(cells, "email");
  if (!email.empty() && !domain::IsPlausibleEmail(email)) check.Fail("e-mail «" + email + "» не похож на адрес почты");
  return NewParent{p_last,
                   p_first,
                   Opt(columns.Get(cells, "p_middle")),
                   relation.value_or("other"),
                   Opt(email),
                   Opt(columns.Get(cells, "phone"))};
}

// A row, or nothing when it is bad (its errors in the report): its cells,
// then the rules of an admission.
std::optional<RosterRow> ReadRow(const RosterFile& file, const formats::Row& cells, ImportReport& report) {
  RowCheck check{report, cells.line};
  RosterRow row;
  row.line = cells.line;
  ReadStudent(file, cells, check, row);
  row.parent = ReadParent(file.columns, cells, check);
  if (check.bad) return std::nullopt;
  Admission with_parent = row.admission;
  if (row.parent) with_parent.parents.push_back(*row.parent);
  if (auto ok = roster::CheckAdmission(with_parent); !ok) {
    imports::AddError(report, row.line, ok.error().message);
    return std::nullopt;
  }
  return row;
}

// The file's students, one per child however many rows name them (one per
// parent), and their parents, one per person however many children they have.
struct Roster {
  struct Child {
    Admission admission;  // with its parents
    std::vector<std::string> parent_keys;
  };
  std::vector<Child> children;               // in the order of report.students
  std::map<std::string, size_t> index;       // a student's identity -> children
  std::map<std::string, NewParent> parents;  // a parent's identity -> the parent
};

std::string StudentKey(const Admission& a) {
  return Fold(a.last_name) + "|" + Fold(a.first_name) + "|" + Fold(a.middle_name.value_or("")) + "|" + a.birth_date;
}

std::string ParentKey(const NewParent& p) {
  return Fold(p.last_name) + "|" + Fold(p.first_name) + "|" + Fold(p.middle_name.value_or("")) + "|" +
         p.phone.value_or(p.email.value_or(""));
}

// A student first met in the file: reported, and matched to the school's.
size_t AddStudent(storage::Connection& conn, int64_t school_id, const RosterRow& row, Roster& roster,
                  ImportReport& report) {
  const Admission& a = row.admission;
  ImportedStudent s;
  s.line = row.line;
  s.full_name = FullName(a.last_name, a.first_name, a.middle_name);
  s.birth_date = a.birth_date;
  s.sex = row.sex;
  s.class_name = row.class_name;
  s.exists =
      conn.QueryOne(kStudentOfSchool, {Value{school_id}, Value{a.last_name}, Value{a.first_name}, Value{a.birth_date}})
          .has_value();
  const size_t child = report.students.size();
  roster.index[StudentKey(a)] = child;
  report.students.push_back(std::move(s));
  roster.children.push_back({a, {}});
  return child;
}

// A parent of a child: named once per child, and `shared` when an earlier
// child has them too.
void AddParent(const NewParent& parent, size_t child, Roster& roster, ImportReport& report) {
  const std::string key = ParentKey(parent);
  ImportedParent view{FullName(parent.last_name, parent.first_name, parent.middle_name), parent.relation, parent.phone,
                      parent.email, roster.parents.count(key) > 0};
  roster.parents.emplace(key, parent);
  Roster::Child& c = roster.children[child];
  if (std::find(c.parent_keys.begin(), c.parent_keys.end(), key) != c.parent_keys.end()) return;
  c.parent_keys.push_back(key);
  c.admission.parents.push_back(parent);
  report.students[child].parents.push_back(std::move(view));
}

void AddRow(storage::Connection& conn, int64_t school_id, const RosterRow& row, Roster& roster, ImportReport& report) {
  size_t child = 0;
  if (auto known = roster.index.find(StudentKey(row.admission)); known == roster.index.end()) {
    child = AddStudent(conn, school_id, row, roster, report);
  } else if (roster.children[known->second].admission.class_id != row.admission.class_id) {
    imports::AddError(
        report, row.line,
        "ученик уже указан выше в другом классе (строка " + std::to_string(report.students[known->second].line) + ")");
    return;
  } else {
    child = known->second;
  }
  if (row.parent) AddParent(*row.parent, child, roster, report);
}

// Every row after the header: read, checked, matched to the school's students.
Roster ReadRoster(storage::Connection& conn, int64_t school_id, const formats::Table& table, const RosterFile& file,
                  ImportReport& report) {
  Roster roster;
  for (size_t i = 1; i < table.rows.size(); ++i) {
    if (auto row = ReadRow(file, table.rows[i], report)) AddRow(conn, school_id, *row, roster, report);
  }
  return roster;
}

// The new students with their enrolments and admissions; each parent once.
void WriteRoster(storage::Connection& conn, int64_t school_id, const Roster& roster, const ImportReport& report,
                 int64_t actor_id, int64_t now) {
  std::map<std::string, int64_t> parent_ids;
  for (size_t i = 0; i < roster.children.size(); ++i) {
    if (report.students[i].exists) continue;
    const Roster::Child& child = roster.children[i];
    std::vector<int64_t> ids;
    for (const std::string& key : child.parent_keys) {
      auto it = parent_ids.find(key);
      if (it == parent_ids.end()) {
        it = parent_ids.emplace(key, roster::InsertParent(conn, school_id, roster.parents.at(key), now)).first;
      }
      ids.push_back(it->second);
    }
    roster::AdmitUnchecked(conn, school_id, child.admission.class_id, child.admission, ids, actor_id, now);
  }
}

}  // namespace

domain::Result<ImportReport> RosterImportService::Import(storage::Connection& conn, const domain::Actor& actor,
                                                         const ImportFile& file, const RosterImportOptions& options,
                                                         bool apply) {
  const int64_t school_id = imports::SchoolOf(actor, options.school_id);
  if (!domain::Allowed(actor, Action::kManageRoster, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  const std::string day = options.date.empty() ? clock_.Today() : options.date;
  if (auto ok = CheckDateAndOrder(options, day, apply); !ok) return ok.error();
  auto table = imports::ReadFile(file);
  if (!table) return table.error();
  auto columns = MatchRosterColumns(table->rows.front());
  if (!columns) return columns.error();
  ImportReport report;
  imports::Describe(report, *table, *columns);

  storage::Transaction tx(conn, apply ? TxMode::kWrite : TxMode::kRead);
  auto year = lookup::YearOn(conn, school_id, day);
  if (!year) return Error::WithDetail(ErrorCode::kInvalidValue, "date: в этот день не идёт учебный год");
  const Roster roster = ReadRoster(conn, school_id, *table, RosterFileOf(conn, *year, *columns, options, day), report);
  if (apply && !report.errors.empty()) return imports::RowsError(report);
  if (apply) {
    WriteRoster(conn, school_id, roster, report, actor.user_id, clock_.Now());
    report.applied = true;
  }
  tx.Commit();
  return report;
}

}  // namespace ej::service
