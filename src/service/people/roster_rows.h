// The roster's rows as views: the movements by order, and a class's
// students with their parents on a day. Shared by the roster's use cases.
#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include "service/people/roster_service.h"
#include "storage/database.h"

namespace ej::service::roster {

// The movements matching `where` (a condition on m, student_movements), by date.
std::vector<MovementView> LoadMovements(storage::Connection& conn, std::string_view where,
                                        std::initializer_list<storage::Value> params);
// The students attending out.class_id on out.date, by name; their personal
// fields only when out.personal_data.
void LoadStudents(storage::Connection& conn, ClassRoster& out);
// Each of out.students' parents, with the state of their consent on out.date.
void LoadParents(storage::Connection& conn, ClassRoster& out);

}  // namespace ej::service::roster
