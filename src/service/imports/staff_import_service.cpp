#include "service/imports/staff_import_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/account_rules.h"
#include "domain/rights.h"
#include "domain/translit.h"
#include "domain/utf8.h"
#include "service/common/insert_statement.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/people/people_statements.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using imports::Opt;
using imports::RowCheck;
using storage::TxMode;
using storage::Value;

namespace {

// Whether the school has the person on its staff already: by full name.
constexpr std::string_view kStaffOfSchool =
    "SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id AND r.school_id = $1"
    " WHERE u.last_name = $2 AND u.first_name = $3 AND COALESCE(u.middle_name, '') = $4"
    " AND r.role NOT IN ('student', 'parent') LIMIT 1";

domain::Result<table_columns::Columns> MatchStaffColumns(const formats::Row& header) {
  return imports::MatchRequiredColumns(header,
                                       {{"last", {"фамилия"}, true},
                                        {"first", {"имя"}, true},
                                        {"middle", {"отчество"}, false},
                                        {"position", {"должность"}, false},
                                        {"roles", {"роль", "роли"}, true},
                                        {"email", {"e-mail", "email", "эл. почта", "электронная почта"}, false},
                                        {"phone", {"телефон"}, false}},
                                       "");
}

// A good row.
struct StaffRow {
  int line = 0;
  std::string last, first, middle, position, email, phone;
  std::vector<std::string> roles;  // teacher, deputy, director, secretary, administrator
};

// «учитель», «завуч, учитель», «секретарь + администратор»: each role once.
void ReadRoles(const std::string& text, RowCheck& check, std::vector<std::string>& roles) {
  static const std::map<std::string, std::string> kRoles = {{"учитель", "teacher"},
                                                            {"педагог", "teacher"},
                                                            {"завуч", "deputy"},
                                                            {"заместитель директора", "deputy"},
                                                            {"директор", "director"},
                                                            {"секретарь", "secretary"},
                                                            {"администратор", "administrator"}};
  std::string words = table_columns::Fold(text);
  std::replace(words.begin(), words.end(), '+', ',');
  size_t start = 0;
  while (start <= words.size()) {
    const size_t comma = std::min(words.find(',', start), words.size());
    const std::string word(domain::Trim(std::string_view(words).substr(start, comma - start)));
    start = comma + 1;
    if (word.empty()) continue;
    auto it = kRoles.find(word);
    if (it == kRoles.end()) {
      check.Fail("роль «" + word + "» не распознана (учитель, завуч, директор, секретарь, администратор)");
    } else if (std::find(roles.begin(), roles.end(), it->second) == roles.end()) {
      roles.push_back(it->second);
    }
  }
}

// A row, or nothing when it is bad (its errors in the report).
std::optional<StaffRow> ReadRow(const table_columns::Columns& columns, const formats::Row& cells,
                                ImportReport& report) {
  StaffRow p{cells.line,
             columns.Get(cells, "last"),
             columns.Get(cells, "first"),
             columns.Get(cells, "middle"),
             columns.Get(cells, "position"),
             columns.Get(cells, "email"),
             columns.Get(cells, "phone"),
             {}};
  RowCheck check{report, cells.line};
  if (p.last.empty() || p.first.empty()) check.Fail("нужны фамилия и имя");
  ReadRoles(columns.Get(cells, "roles"), check, p.roles);
  if (p.roles.empty() && !check.bad) check.Fail("не указана роль");
  if (!p.email.empty() && !domain::IsPlausibleEmail(p.email)) {
    check.Fail("e-mail «" + p.email + "» не похож на адрес почты");
  }
  if (check.bad) return std::nullopt;
  return p;
}

// A good row as the report shows it: whether the school has the person
// already, and the login they get (one no account and no earlier row has).
ImportedStaff MatchStaff(storage::Connection& conn, int64_t school_id, const StaffRow& p,
                         std::set<std::string>& logins_in_file) {
  ImportedStaff s;
  s.line = p.line;
  s.full_name = FullName(p.last, p.first, Opt(p.middle));
  s.position = p.position;
  s.roles = p.roles;
  s.exists =
      conn.QueryOne(kStaffOfSchool, {Value{school_id}, Value{p.last}, Value{p.first}, Value{p.middle}}).has_value();
  std::string base = domain::MakeLogin(p.last, p.first, p.middle);
  if (base.size() < 2) base = "staff";
  s.login = lookup::FreeLogin(conn, base, [&](const std::string& l) { return logins_in_file.count(l) > 0; });
  logins_in_file.insert(s.login);
  return s;
}

// Every row after the header: read, checked, matched; the good rows in the
// order of report.staff.
std::vector<StaffRow> ReadStaff(storage::Connection& conn, int64_t school_id, const formats::Table& table,
                                const table_columns::Columns& columns, ImportReport& report) {
  std::vector<StaffRow> rows;
  std::set<std::string> logins_in_file;
  for (size_t i = 1; i < table.rows.size(); ++i) {
    auto row = ReadRow(columns, table.rows[i], report);
    if (!row) continue;
    report.staff.push_back(MatchStaff(conn, school_id, *row, logins_in_file));
    rows.push_back(std::move(*row));
  }
  return rows;
}

// The new accounts, without passwords, with their roles in the school.
void WriteStaff(storage::Connection& conn, int64_t school_id, const std::vector<StaffRow>& rows,
                const ImportReport& report, int64_t now) {
  for (size_t i = 0; i < rows.size(); ++i) {
    if (report.staff[i].exists) continue;
    const StaffRow& p = rows[i];
    const int64_t id = conn.QueryOne(sql::InsertOne(kUserInto) + " RETURNING id",
                                     {Value{report.staff[i].login}, Value{}, Value{p.last}, Value{p.first},
                                      storage::OrNull(Opt(p.middle)), Value{}, Value{}, storage::OrNull(Opt(p.email)),
                                      storage::OrNull(Opt(p.phone)), Value{now}, Value{}})
                           ->Int(0);
    for (const auto& role : p.roles) {
      conn.Execute(sql::InsertOne(kUserRoleInto),
                   {Value{school_id}, Value{id}, Value{role}, storage::OrNull(Opt(p.position)), Value{now}});
    }
  }
}

}  // namespace

domain::Result<ImportReport> StaffImportService::Import(storage::Connection& conn, const domain::Actor& actor,
                                                        const ImportFile& file, std::optional<int64_t> school,
                                                        bool apply) {
  const int64_t school_id = imports::SchoolOf(actor, school);
  if (!domain::Allowed(actor, Action::kManageAccounts, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  auto table = imports::ReadFile(file);
  if (!table) return table.error();
  auto columns = MatchStaffColumns(table->rows.front());
  if (!columns) return columns.error();
  ImportReport report;
  imports::Describe(report, *table, *columns);

  storage::Transaction tx(conn, apply ? TxMode::kWrite : TxMode::kRead);
  const std::vector<StaffRow> rows = ReadStaff(conn, school_id, *table, *columns, report);
  if (apply && !report.errors.empty()) return imports::RowsError(report);
  if (apply) {
    WriteStaff(conn, school_id, rows, report, clock_.Now());
    report.applied = true;
  }
  tx.Commit();
  return report;
}

}  // namespace ej::service
