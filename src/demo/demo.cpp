// The demo school as a whole: its schools one transaction each (built by
// SchoolBuilder, their journals filled by FillJournal), and the fixed demo
// logins for `make run`.
#include "demo/demo.h"

#include <set>
#include <string>

#include "demo/demo_journal.h"
#include "demo/demo_random.h"
#include "demo/demo_school.h"
#include "service/common/crypto.h"

namespace ej::service {

int AcademicYearStart(const std::string& date) {
  int year = std::stoi(date.substr(0, 4));
  int month = std::stoi(date.substr(5, 2));
  return month >= 9 ? year : year - 1;
}

DemoStats GenerateDemo(storage::Connection& conn, const Clock& clock, const DemoSize& size) {
  DemoStats stats;
  demo::Random rnd(20260901);
  std::set<std::string> logins = {"admin",        "director", "deputy", "teacher",
                                  "classteacher", "student",  "parent", "secretary"};
  // One hash for every demo account: argon2id thousands of times would take minutes.
  const std::string hash = HashPassword("demo");
  for (int n = 1; n <= size.schools; ++n) {
    storage::Transaction tx(conn, storage::TxMode::kWrite);
    demo::SchoolBuilder builder(conn, clock, rnd, logins, hash, n == 1, stats);
    builder.Build(n == 1 ? 7 : 100 + n, size.students_per_school);
    if (size.journal) {
      auto teacher = n == 1 ? conn.QueryOne("SELECT id FROM users WHERE login = 'teacher'") : std::nullopt;
      const auto filled = demo::FillJournal(conn, builder.school_id(), clock.Today(), teacher ? teacher->Int(0) : 0,
                                            20260901 + static_cast<uint64_t>(n));
      stats.marks += filled.marks;
      stats.absences += filled.absences;
      stats.records += filled.records;
      stats.period_marks += filled.period_marks;
    }
    tx.Commit();
  }
  return stats;
}

void PrintDemoLogins(std::ostream& out) {
  out << "\nДемо-входы (пароль у всех: demo):\n"
         "  admin         администратор электронного журнала\n"
         "  director      директор\n"
         "  deputy        заместитель директора по УВР\n"
         "  teacher       учитель математики (алгебра и геометрия в 7Б)\n"
         "  classteacher  классный руководитель 7Б, учитель русского языка и литературы\n"
         "  student       ученик 7Б\n"
         "  parent        родитель ученика student\n"
         "  secretary     секретарь учебной части\n"
         "Остальные люди демо-школы входят по логину из транслита ФИО (например, ivanov.ps),\n"
         "тоже с паролем demo.\n";
}

}  // namespace ej::service
