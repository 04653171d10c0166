// Conditions many statements share, written once: an SQL fragment to splice
// into a WHERE. `alias` is a table alias ("e", "l") or "" for none; `day`,
// `from`, `to` are bind parameters ("$2") or columns ("l.lesson_date"),
// never values: values are always bound.
#pragma once

#include <string>
#include <string_view>

namespace ej::service::sql {

// A dated membership (an enrolment, a group membership, a slot of the
// template) in force on `day`: begun by then and not ended before it.
std::string ActiveOn(std::string_view alias, std::string_view day);

// In force on at least one day from `from` to `to`.
std::string ActiveDuring(std::string_view alias, std::string_view from, std::string_view to);

// The lesson takes place (domain::IsHeld): planned or substituted, not retired.
std::string HeldLesson(std::string_view alias);

}  // namespace ej::service::sql
