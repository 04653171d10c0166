// Students coming, moving between classes and leaving, by order (R-ORG-5).
// A student is in at most one class on any day; a departed student's records
// stay.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "domain/sex.h"
#include "service/common/clock.h"
#include "storage/database.h"

namespace ej::service {

// The order (приказ) a movement is made by.
struct Order {
  std::string number;  // «123-у»
  std::string date;    // "YYYY-MM-DD"
};

struct NewParent {
  std::string last_name;
  std::string first_name;
  std::optional<std::string> middle_name;
  std::string relation;  // mother, father, guardian, other
  std::optional<std::string> email;
  std::optional<std::string> phone;
};

struct Admission {
  std::string last_name;
  std::string first_name;
  std::optional<std::string> middle_name;
  domain::Sex sex = domain::Sex::kMale;
  std::string birth_date;  // "YYYY-MM-DD"
  int64_t class_id = 0;
  std::string date;  // the first day in the class
  Order order;
  std::vector<NewParent> parents;
};

struct MovementView {
  int64_t id = 0;
  int64_t student_id = 0;
  std::string student_name;
  std::string kind;  // admission, transfer, departure
  std::string effective_on;
  Order order;
  std::optional<std::string> from_class;
  std::optional<std::string> to_class;
  std::optional<std::string> note;
};

// A parent in a class's roster, with the state of their consent.
struct RosterParent {
  int64_t id = 0;
  std::string full_name;
  std::string relation;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  bool activated = false;
  std::optional<std::string> consent;  // "given" or "withdrawn", the latest on the day
  std::optional<std::string> consent_on;
  std::optional<std::string> consent_document;
};

// A student of a class on a day. The personal fields are filled only for
// those who keep the class's data (kKeepClassData).
struct RosterStudent {
  int64_t id = 0;
  std::string full_name;
  std::string enrolled_on;
  std::optional<std::string> birth_date;
  std::optional<std::string> sex;
  bool activated = false;
  std::vector<RosterParent> parents;
};

struct ClassRoster {
  int64_t class_id = 0;
  std::string class_name;
  std::string date;
  bool personal_data = false;  // whether birth dates, parents and contacts are included
  std::vector<RosterStudent> students;
};

class RosterService {
 public:
  explicit RosterService(const Clock& clock) : clock_(clock) {}

  // Administration and the secretary of the class's school. Returns the new
  // student's id.
  domain::Result<int64_t> Admit(storage::Connection& conn, const domain::Actor& actor, const Admission& a);
  // From the class the student attends on `date` to `to_class_id` (same
  // school and year) from `date` on.
  domain::Result<MovementView> Transfer(storage::Connection& conn, const domain::Actor& actor, int64_t student_id,
                                        int64_t to_class_id, const std::string& date, const Order& order);
  // The student attends no class from `date` on (the last day is the day before).
  domain::Result<MovementView> Dismiss(storage::Connection& conn, const domain::Actor& actor, int64_t student_id,
                                       const std::string& date, const Order& order,
                                       const std::optional<std::string>& reason);
  // The students attending the class on `date` (default today), by name:
  // for its staff (kViewClassRoster); with their data and parents for those
  // who keep it (kKeepClassData).
  domain::Result<ClassRoster> Roster(storage::Connection& conn, const domain::Actor& actor, int64_t class_id,
                                     const std::string& date);
  // The movements of a school between two dates (inclusive), by date.
  domain::Result<std::vector<MovementView>> List(storage::Connection& conn, const domain::Actor& actor,
                                                 int64_t school_id, const std::string& from, const std::string& to);

 private:
  const Clock& clock_;
};

namespace roster {

// The checks of an admission that need no database: names, order, dates,
// age 5..21 on the day, parents' relation, e-mail and phone.
domain::Status CheckAdmission(const Admission& a);
// Without rights checks, inside the caller's transaction (imports).
int64_t InsertParent(storage::Connection& conn, int64_t school_id, const NewParent& p, int64_t now);
// The student, the enrolment from a.date, guardians (parent_ids in the
// order of a.parents) and the admission record.
int64_t AdmitUnchecked(storage::Connection& conn, int64_t school_id, int64_t class_id, const Admission& a,
                       const std::vector<int64_t>& parent_ids, int64_t actor_id, int64_t now);

}  // namespace roster

}  // namespace ej::service
