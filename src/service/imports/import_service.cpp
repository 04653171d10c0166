#include "service/imports/import_service.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "domain/account_rules.h"
#include "domain/calendar.h"
#include "domain/rights.h"
#include "domain/translit.h"
#include "domain/utf8.h"
#include "formats/fet.h"
#include "formats/table.h"
#include "service/common/insert_statement.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/imports/table_columns.h"
#include "service/people/people_statements.h"
#include "service/people/roster_service.h"
#include "service/school/facility_service.h"
#include "service/timetable/template_service.h"
#include "service/timetable/timetable_service.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;
using table_columns::Columns;
using table_columns::Fold;
using table_columns::MatchColumns;
using table_columns::ParseRussianDate;

namespace {

constexpr size_t kMaxRows = 5000;
constexpr size_t kMaxReportedErrors = 200;

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

// "5Д", "5 д", "5-Д" -> grade 5, letter "Д".
std::optional<std::pair<int, std::string>> ParseClassName(const std::string& text) {
  std::string_view t = domain::Trim(text);
  int grade = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), grade);
  if (ec != std::errc() || grade < 1 || grade > 11) return std::nullopt;
  std::string_view rest = domain::Trim(std::string_view(p, static_cast<size_t>(t.data() + t.size() - p)));
  if (!rest.empty() && rest.front() == '-') rest = domain::Trim(rest.substr(1));
  if (rest.empty()) return std::nullopt;
  // Letters upper case (Cyrillic а-я -> А-Я).
  std::string letter;
  for (size_t i = 0; i < rest.size(); ++i) {
    const auto c = static_cast<unsigned char>(rest[i]);
    if (i + 1 < rest.size()) {
      const auto d = static_cast<unsigned char>(rest[i + 1]);
      if (c == 0xD0 && d >= 0xB0 && d <= 0xBF) {
        letter += "\xD0";
        letter.push_back(static_cast<char>(d - 0x20));
        ++i;
        continue;
      }
      if (c == 0xD1 && d >= 0x80 && d <= 0x8F) {
        letter += "\xD0";
        letter.push_back(static_cast<char>(d + 0x20));
        ++i;
        continue;
      }
    }
    letter.push_back(static_cast<char>(c < 0x80 ? std::toupper(c) : c));
  }
  return std::make_pair(grade, letter);
}

std::optional<std::string> Opt(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

domain::Result<formats::Table> ReadFile(const ImportFile& file) {
  auto table = formats::ReadTableFile(file.bytes, file.name);
  if (!table) return table.error();
  if (table->rows.empty()) return Error::WithDetail(ErrorCode::kImportBadFile, "в файле нет ни одной строки");
  if (table->rows.size() > kMaxRows + 1) {
    return Error::WithDetail(ErrorCode::kImportBadFile, "больше " + std::to_string(kMaxRows) + " строк за один раз");
  }
  return table;
}

void Describe(ImportReport& report, const formats::Table& table, const Columns& columns) {
  report.format = table.format;
  report.encoding = table.encoding;
  report.separator = table.separator ? std::string(1, table.separator) : "";
  report.sheet = table.sheet;
  report.columns = columns.recognized;
  report.ignored_columns = columns.ignored;
}

void AddError(ImportReport& report, int line, std::string message) {
  if (report.errors.size() < kMaxReportedErrors) report.errors.push_back({line, std::move(message)});
}

// The error of an apply with bad rows; the report carries the rows.
Error RowsError(const ImportReport& report) {
  return Error::WithDetail(ErrorCode::kImportInvalidRows, std::to_string(report.errors.size()) + " (первая — строка " +
                                                              std::to_string(report.errors.front().line) + ": " +
                                                              report.errors.front().message + ")");
}

}  // namespace

domain::Result<ImportReport> ImportService::ImportRoster(storage::Connection& conn, const domain::Actor& actor,
                                                         const ImportFile& file, const RosterImportOptions& options,
                                                         bool apply) {
  const int64_t school_id = options.school_id.value_or(actor.grants.empty() ? 0 : actor.grants.front().school_id);
  if (!domain::Allowed(actor, Action::kManageRoster, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  const std::string day = options.date.empty() ? clock_.Today() : options.date;
  if (!domain::ParseDate(day)) return Error::WithDetail(ErrorCode::kInvalidValue, "date (ГГГГ-ММ-ДД)");
  if (apply && (domain::Trim(options.order_number).empty() || !domain::ParseDate(options.order_date))) {
    return Error::WithDetail(ErrorCode::kMissingField, "orderNumber и orderDate: зачисление оформляется приказом");
  }
  auto table = ReadFile(file);
  if (!table) return table.error();
  const Columns columns =
      MatchColumns(table->rows.front(),
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
                    {"email", {"e-mail", "email", "эл. почта", "электронная почта", "e-mail родителя"}, false}});
  if (!columns.missing.empty()) {
    std::string list;
    for (const auto& m : columns.missing) list += (list.empty() ? "«" : ", «") + m + "»";
    return Error::WithDetail(ErrorCode::kImportBadFile,
                             "в первой строке нет столбцов " + list + " (первая строка — заголовки)");
  }
  ImportReport report;
  Describe(report, *table, columns);

  storage::Transaction tx(conn, apply ? TxMode::kWrite : TxMode::kRead);
  auto year = lookup::YearOn(conn, school_id, day);
  if (!year) return Error::WithDetail(ErrorCode::kInvalidValue, "date: в этот день не идёт учебный год");
  std::map<std::pair<int, std::string>, int64_t> classes;
  for (const auto& r : conn.Query("SELECT id, grade, letter FROM classes WHERE year_id = $1", {Value{*year}})) {
    classes[{static_cast<int>(r.Int(1)), r.Text(2)}] = r.Int(0);
  }
  struct Pending {
    Admission admission;
    int64_t class_id = 0;
    std::vector<std::string> parent_keys;
  };
  std::map<std::string, size_t> student_index;  // identity -> index in report.students / pending
  std::vector<Pending> pending;
  std::map<std::string, NewParent> parents;  // identity -> parent
  for (size_t i = 1; i < table->rows.size(); ++i) {
    const formats::Row& row = table->rows[i];
    const int line = row.line;
    const std::string last = columns.Get(row, "last");
    const std::string first = columns.Get(row, "first");
    const std::string middle = columns.Get(row, "middle");
    bool bad = false;
    auto fail = [&](std::string message) {
      AddError(report, line, std::move(message));
      bad = true;
    };
    if (last.empty()) fail("не указана фамилия ученика");
    if (first.empty()) fail("не указано имя ученика");
    auto birth = ParseRussianDate(columns.Get(row, "birth"));
    if (!birth) fail("дата рождения «" + columns.Get(row, "birth") + "» не распознана (ожидается ДД.ММ.ГГГГ)");
    auto sex = ParseSex(columns.Get(row, "sex"), middle);
    if (!sex) fail("пол «" + columns.Get(row, "sex") + "» не распознан (м или ж)");
    const std::string class_text = columns.Get(row, "class");
    auto class_name = ParseClassName(class_text);
    int64_t class_id = 0;
    if (!class_name) {
      fail("класс «" + class_text + "» не распознан (например, 5А)");
    } else if (auto it = classes.find(*class_name); it == classes.end()) {
      fail("класса " + ClassName(class_name->first, class_name->second) + " нет в учебном году");
    } else {
      class_id = it->second;
    }
    std::optional<NewParent> parent;
    const std::string p_last = columns.Get(row, "p_last");
    const std::string p_first = columns.Get(row, "p_first");
    if (!p_last.empty() || !p_first.empty()) {
      auto relation = ParseRelation(columns.Get(row, "relation"));
      if (p_last.empty() || p_first.empty()) fail("у родителя нужны фамилия и имя");
      if (!relation) fail("«" + columns.Get(row, "relation") + "»: кем приходится — мать, отец, опекун или другое");
      const std::string email = columns.Get(row, "email");
      if (!email.empty() && !domain::IsPlausibleEmail(email)) fail("e-mail «" + email + "» не похож на адрес почты");
      parent = NewParent{p_last,
                         p_first,
                         Opt(columns.Get(row, "p_middle")),
                         relation.value_or("other"),
                         Opt(email),
                         Opt(columns.Get(row, "phone"))};
    }
    if (bad) continue;
    Admission a;
    a.last_name = last;
    a.first_name = first;
    a.middle_name = Opt(middle);
    a.sex = *sex == "female" ? domain::Sex::kFemale : domain::Sex::kMale;
    a.birth_date = *birth;
    a.class_id = class_id;
    a.date = day;
    a.order = {options.order_number.empty() ? "—" : options.order_number,
               options.order_date.empty() ? day : options.order_date};
    if (parent) a.parents.push_back(*parent);
    if (auto ok = roster::CheckAdmission(a); !ok) {
      AddError(report, line, ok.error().message);
      continue;
    }
    // The same child on several rows (one per parent) is one student.
    const std::string identity = Fold(last) + "|" + Fold(first) + "|" + Fold(middle) + "|" + *birth;
    auto known = student_index.find(identity);
    if (known == student_index.end()) {
      ImportedStudent s;
      s.line = line;
      s.full_name = FullName(last, first, a.middle_name);
      s.birth_date = *birth;
      s.sex = *sex;
      s.class_name = ClassName(class_name->first, class_name->second);
      s.exists = conn.QueryOne(
                         "SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id AND r.school_id = $1 AND r.role "
                         "= 'student'"
                         " WHERE u.last_name = $2 AND u.first_name = $3 AND u.birth_date = $4 LIMIT 1",
                         {Value{school_id}, Value{last}, Value{first}, Value{*birth}})
                     .has_value();
      student_index[identity] = report.students.size();
      report.students.push_back(std::move(s));
      pending.push_back({a, class_id, {}});
      a.parents.clear();
      pending.back().admission.parents.clear();
      known = student_index.find(identity);
    } else if (pending[known->second].class_id != class_id) {
      AddError(report, line,
               "ученик уже указан выше в другом классе (строка " + std::to_string(report.students[known->second].line) +
                   ")");
      continue;
    }
    if (parent) {
      const std::string key = Fold(parent->last_name) + "|" + Fold(parent->first_name) + "|" +
                              Fold(parent->middle_name.value_or("")) + "|" +
                              parent->phone.value_or(parent->email.value_or(""));
      ImportedParent view{FullName(parent->last_name, parent->first_name, parent->middle_name), parent->relation,
                          parent->phone, parent->email, parents.count(key) > 0};
      parents.emplace(key, *parent);
      Pending& p = pending[known->second];
      if (std::find(p.parent_keys.begin(), p.parent_keys.end(), key) == p.parent_keys.end()) {
        p.parent_keys.push_back(key);
        p.admission.parents.push_back(*parent);
        report.students[known->second].parents.push_back(std::move(view));
      }
    }
  }
  if (!apply) {
    tx.Commit();
    return report;
  }
  if (!report.errors.empty()) return RowsError(report);
  const int64_t now = clock_.Now();
  std::map<std::string, int64_t> parent_ids;
  for (size_t i = 0; i < pending.size(); ++i) {
    if (report.students[i].exists) continue;
    std::vector<int64_t> ids;
    for (size_t k = 0; k < pending[i].parent_keys.size(); ++k) {
      const std::string& key = pending[i].parent_keys[k];
      auto it = parent_ids.find(key);
      if (it == parent_ids.end())
        it = parent_ids.emplace(key, roster::InsertParent(conn, school_id, parents.at(key), now)).first;
      ids.push_back(it->second);
    }
    roster::AdmitUnchecked(conn, school_id, pending[i].class_id, pending[i].admission, ids, actor.user_id, now);
  }
  report.applied = true;
  tx.Commit();
  return report;
}

domain::Result<ImportReport> ImportService::ImportStaff(storage::Connection& conn, const domain::Actor& actor,
                                                        const ImportFile& file, std::optional<int64_t> school_arg,
                                                        bool apply) {
  const int64_t school_id = school_arg.value_or(actor.grants.empty() ? 0 : actor.grants.front().school_id);
  if (!domain::Allowed(actor, Action::kManageAccounts, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  auto table = ReadFile(file);
  if (!table) return table.error();
  const Columns columns =
      MatchColumns(table->rows.front(), {{"last", {"фамилия"}, true},
                                         {"first", {"имя"}, true},
                                         {"middle", {"отчество"}, false},
                                         {"position", {"должность"}, false},
                                         {"roles", {"роль", "роли"}, true},
                                         {"email", {"e-mail", "email", "эл. почта", "электронная почта"}, false},
                                         {"phone", {"телефон"}, false}});
  if (!columns.missing.empty()) {
    std::string list;
    for (const auto& m : columns.missing) list += (list.empty() ? "«" : ", «") + m + "»";
    return Error::WithDetail(ErrorCode::kImportBadFile, "в первой строке нет столбцов " + list);
  }
  ImportReport report;
  Describe(report, *table, columns);
  storage::Transaction tx(conn, apply ? TxMode::kWrite : TxMode::kRead);
  std::set<std::string> logins_in_file;
  struct Pending {
    std::string last, first, middle, position, email, phone;
    std::vector<std::string> roles;
  };
  std::vector<Pending> pending;
  for (size_t i = 1; i < table->rows.size(); ++i) {
    const formats::Row& row = table->rows[i];
    Pending p{columns.Get(row, "last"),
              columns.Get(row, "first"),
              columns.Get(row, "middle"),
              columns.Get(row, "position"),
              columns.Get(row, "email"),
              columns.Get(row, "phone"),
              {}};
    bool bad = false;
    if (p.last.empty() || p.first.empty()) {
      AddError(report, row.line, "нужны фамилия и имя");
      bad = true;
    }
    // «учитель», «завуч, учитель», «секретарь + администратор».
    std::string roles_text = Fold(columns.Get(row, "roles"));
    std::replace(roles_text.begin(), roles_text.end(), '+', ',');
    size_t start = 0;
    while (start <= roles_text.size()) {
      const size_t comma = std::min(roles_text.find(',', start), roles_text.size());
      const std::string word(domain::Trim(std::string_view(roles_text).substr(start, comma - start)));
      start = comma + 1;
      if (word.empty()) continue;
      static const std::map<std::string, std::string> kRoles = {{"учитель", "teacher"},
                                                                {"педагог", "teacher"},
                                                                {"завуч", "deputy"},
                                                                {"заместитель директора", "deputy"},
                                                                {"директор", "director"},
                                                                {"секретарь", "secretary"},
                                                                {"администратор", "administrator"}};
      auto it = kRoles.find(word);
      if (it == kRoles.end()) {
        AddError(report, row.line,
                 "роль «" + word + "» не распознана (учитель, завуч, директор, секретарь, администратор)");
        bad = true;
      } else if (std::find(p.roles.begin(), p.roles.end(), it->second) == p.roles.end()) {
        p.roles.push_back(it->second);
      }
    }
    if (p.roles.empty() && !bad) {
      AddError(report, row.line, "не указана роль");
      bad = true;
    }
    if (!p.email.empty() && !domain::IsPlausibleEmail(p.email)) {
      AddError(report, row.line, "e-mail «" + p.email + "» не похож на адрес почты");
      bad = true;
    }
    if (bad) continue;
    ImportedStaff s;
    s.line = row.line;
    s.full_name = FullName(p.last, p.first, Opt(p.middle));
    s.position = p.position;
    s.roles = p.roles;
    s.exists = conn.QueryOne(
                       "SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id AND r.school_id = $1"
                       " WHERE u.last_name = $2 AND u.first_name = $3 AND COALESCE(u.middle_name, '') = $4"
                       " AND r.role NOT IN ('student', 'parent') LIMIT 1",
                       {Value{school_id}, Value{p.last}, Value{p.first}, Value{p.middle}})
                   .has_value();
    std::string base = domain::MakeLogin(p.last, p.first, p.middle);
    if (base.size() < 2) base = "staff";
    s.login = lookup::FreeLogin(conn, base, [&](const std::string& l) { return logins_in_file.count(l) > 0; });
    logins_in_file.insert(s.login);
    report.staff.push_back(std::move(s));
    pending.push_back(std::move(p));
  }
  if (!apply) {
    tx.Commit();
    return report;
  }
  if (!report.errors.empty()) return RowsError(report);
  const int64_t now = clock_.Now();
  for (size_t i = 0; i < pending.size(); ++i) {
    if (report.staff[i].exists) continue;
    const Pending& p = pending[i];
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
  report.applied = true;
  tx.Commit();
  return report;
}

namespace {

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

}  // namespace

domain::Result<ImportReport> ImportService::ImportFetTimetable(storage::Connection& conn, const domain::Actor& actor,
                                                               const std::vector<ImportFile>& files,
                                                               std::optional<int64_t> school_arg,
                                                               const std::string& valid_from, bool apply) {
  const int64_t school_id = school_arg.value_or(actor.grants.empty() ? 0 : actor.grants.front().school_id);
  if (!domain::Allowed(actor, Action::kManageTimetable, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  const std::string from = valid_from.empty() ? clock_.Today() : valid_from;
  if (!domain::ParseDate(from)) return Error::WithDetail(ErrorCode::kInvalidValue, "validFrom (ГГГГ-ММ-ДД)");
  auto placements = ReadFetFiles(files);
  if (!placements) return placements.error();
  if (placements->size() > 20000) return Error::WithDetail(ErrorCode::kImportBadFile, "слишком много строк");
  ImportReport report;
  report.format =
      files.size() == 1 && formats::DetectFetXml(files[0].bytes) == formats::FetXmlKind::kNone ? "FET CSV" : "FET XML";

  storage::Transaction tx(conn, apply ? TxMode::kWrite : TxMode::kRead);
  auto year = lookup::YearOn(conn, school_id, from);
  if (!year) return Error::WithDetail(ErrorCode::kInvalidValue, "validFrom: в этот день не идёт учебный год");
  // The school's names, folded.
  std::map<std::string, domain::LessonTarget> targets;
  std::map<int64_t, std::string> target_names;
  for (const auto& r : conn.Query("SELECT id, grade, letter FROM classes WHERE year_id = $1", {Value{*year}})) {
    const std::string name = ClassName(r.Int(1), r.Text(2));
    targets[Fold(name)] = domain::LessonTarget::Class(r.Int(0));
    target_names[r.Int(0)] = name;
  }
  std::map<int64_t, std::string> group_names;
  for (const auto& r : conn.Query("SELECT id, name FROM study_groups WHERE year_id = $1", {Value{*year}})) {
    targets[Fold(r.Text(1))] = domain::LessonTarget::Group(r.Int(0));
    group_names[r.Int(0)] = r.Text(1);
  }
  std::map<std::string, int64_t> subjects;
  for (const auto& r :
       conn.Query("SELECT id, name, short_name FROM subjects WHERE school_id = $1", {Value{school_id}})) {
    subjects[Fold(r.Text(1))] = r.Int(0);
    subjects.emplace(Fold(r.Text(2)), r.Int(0));
  }
  std::map<std::string, int64_t> teachers;
  for (const auto& r :
       conn.Query("SELECT u.id, u.last_name, u.first_name, u.middle_name, u.login FROM users u JOIN user_roles r"
                  " ON r.user_id = u.id WHERE r.school_id = $1 AND r.role = 'teacher'",
                  {Value{school_id}})) {
    const std::string last = r.Text(1);
    const std::string first = r.Text(2);
    const std::string middle = r.OptText(3).value_or("");
    teachers[Fold(FullName(last, first, r.OptText(3)))] = r.Int(0);
    // «Иванова А.П.» and «Иванова А. П.»
    auto initial = [](const std::string& name) {
      return name.substr(0, name.empty() ? 0 : (static_cast<unsigned char>(name[0]) < 0x80 ? 1 : 2));
    };
    const std::string short1 = last + " " + initial(first) + "." + (middle.empty() ? "" : initial(middle) + ".");
    const std::string short2 = last + " " + initial(first) + "." + (middle.empty() ? "" : " " + initial(middle) + ".");
    teachers.emplace(Fold(short1), r.Int(0));
    teachers.emplace(Fold(short2), r.Int(0));
    if (!r.IsNull(4)) teachers.emplace(Fold(r.Text(4)), r.Int(0));
  }
  std::map<std::string, int64_t> rooms;
  for (const auto& r : conn.Query("SELECT id, name FROM rooms WHERE school_id = $1", {Value{school_id}})) {
    rooms[Fold(r.Text(1))] = r.Int(0);
  }
  const auto bells = facility::LoadBells(conn, *year);
  std::map<std::string, int> lesson_by_start;
  std::set<int> lesson_numbers;
  for (const auto& b : bells) {
    for (const auto& l : b.lessons) {
      lesson_numbers.insert(l.number);
      lesson_by_start.emplace(domain::FormatTimeOfDay(l.starts_at), l.number);
    }
  }
  static const std::map<std::string, int> kDays = {
      {"понедельник", 1}, {"пн", 1},  {"monday", 1},   {"mon", 1}, {"вторник", 2},   {"вт", 2},
      {"tuesday", 2},     {"tue", 2}, {"среда", 3},    {"ср", 3},  {"wednesday", 3}, {"wed", 3},
      {"четверг", 4},     {"чт", 4},  {"thursday", 4}, {"thu", 4}, {"пятница", 5},   {"пт", 5},
      {"friday", 5},      {"fri", 5}, {"суббота", 6},  {"сб", 6},  {"saturday", 6},  {"sat", 6},
      {"воскресенье", 7}, {"вс", 7},  {"sunday", 7},   {"sun", 7}, {"1", 1},         {"2", 2},
      {"3", 3},           {"4", 4},   {"5", 5},        {"6", 6}};
  std::map<std::pair<std::string, std::string>, size_t> unmatched_index;
  auto unmatched = [&](const char* kind, const std::string& name, int line) {
    auto key = std::make_pair(std::string(kind), name);
    auto it = unmatched_index.find(key);
    if (it == unmatched_index.end()) {
      it = unmatched_index.emplace(key, report.unmatched.size()).first;
      report.unmatched.push_back({kind, name, {}});
    }
    if (report.unmatched[it->second].lines.size() < 20) report.unmatched[it->second].lines.push_back(line);
  };
  std::map<domain::LessonTarget, std::vector<domain::TemplateSlot>> weeks;
  for (const auto& p : *placements) {
    bool bad = false;
    if (p.day.empty() || p.hour.empty()) {
      AddError(report, p.line, "занятие " + p.activity_id + " не размещено FET (нет дня или часа)");
      continue;
    }
    auto day = kDays.find(Fold(p.day));
    if (day == kDays.end()) {
      unmatched("day", p.day, p.line);
      bad = true;
    }
    std::optional<int> number;
    {
      int n = 0;
      auto [end, ec] = std::from_chars(p.hour.data(), p.hour.data() + p.hour.size(), n);
      const std::string_view rest(end, static_cast<size_t>(p.hour.data() + p.hour.size() - end));
      if (ec == std::errc() && (rest.empty() || rest[0] != ':') && lesson_numbers.count(n)) number = n;
      if (!number && p.hour.size() >= 5) {
        auto it = lesson_by_start.find(p.hour.substr(0, 5));
        if (it != lesson_by_start.end()) number = it->second;
      }
    }
    if (!number) {
      unmatched("hour", p.hour, p.line);
      bad = true;
    }
    std::optional<domain::LessonTarget> target;
    std::string joined;
    for (const auto& s : p.students_sets) joined += (joined.empty() ? "" : "+") + s;
    if (auto it = targets.find(Fold(joined)); it != targets.end()) {
      target = it->second;
    } else if (p.students_sets.size() == 1) {
      if (auto parsed = ParseClassName(p.students_sets[0])) {
        if (auto c = targets.find(Fold(ClassName(parsed->first, parsed->second))); c != targets.end())
          target = c->second;
      }
    }
    if (!target) {
      unmatched("students", joined.empty() ? "(пусто)" : joined, p.line);
      bad = true;
    }
    auto subject = subjects.find(Fold(p.subject));
    if (subject == subjects.end()) {
      unmatched("subject", p.subject, p.line);
      bad = true;
    }
    std::optional<int64_t> teacher;
    if (p.teachers.size() != 1) {
      AddError(report, p.line,
               p.teachers.empty() ? "у занятия нет учителя"
                                  : "у занятия несколько учителей: в расписании урок ведёт один "
                                    "(разделите класс на подгруппы)");
      bad = true;
    } else if (auto it = teachers.find(Fold(p.teachers[0])); it != teachers.end()) {
      teacher = it->second;
    } else {
      unmatched("teacher", p.teachers[0], p.line);
      bad = true;
    }
    std::optional<int64_t> room;
    if (!p.room.empty()) {
      if (auto it = rooms.find(Fold(p.room)); it != rooms.end()) {
        room = it->second;
      } else {
        unmatched("room", p.room, p.line);
        bad = true;
      }
    }
    if (bad) continue;
    weeks[*target].push_back({day->second, *number, subject->second, *teacher, room});
  }
  for (const auto& [target, slots] : weeks) {
    report.timetable.push_back(
        {target.kind == domain::LessonTarget::Kind::kClass ? target_names[target.id] : group_names[target.id],
         static_cast<int>(slots.size())});
  }
  if (!apply) {
    tx.Commit();
    return report;
  }
  if (!report.errors.empty() || !report.unmatched.empty()) {
    return Error::WithDetail(ErrorCode::kImportInvalidRows,
                             std::to_string(report.unmatched.size()) + " неизвестных названий, " +
                                 std::to_string(report.errors.size()) + " строк с ошибками");
  }
  const std::string today = clock_.Today();
  const int64_t now = clock_.Now();
  for (const auto& [target, slots] : weeks) {
    auto saved = timetable::SetTemplateIn(conn, actor, today, now, {target, from, slots});
    if (!saved) return saved.error();
    report.lessons_created += saved->lessons_created;
  }
  report.applied = true;
  tx.Commit();
  return report;
}

}  // namespace ej::service
