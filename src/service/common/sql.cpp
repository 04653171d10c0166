#include "service/common/sql.h"

namespace ej::service::sql {
namespace {

std::string Column(std::string_view alias, std::string_view column) {
  std::string out;
  if (!alias.empty()) {
    out += alias;
    out += '.';
  }
  out += column;
  return out;
}

}  // namespace

std::string ActiveOn(std::string_view alias, std::string_view day) { return ActiveDuring(alias, day, day); }

std::string ActiveDuring(std::string_view alias, std::string_view from, std::string_view to) {
  const std::string ends = Column(alias, "ends_on");
  return Column(alias, "starts_on") + " <= " + std::string(to) + " AND (" + ends + " IS NULL OR " + ends +
         " >= " + std::string(from) + ")";
}

std::string HeldLesson(std::string_view alias) {
  return Column(alias, "retired_at") + " IS NULL AND " + Column(alias, "status") + " IN ('planned', 'substituted')";
}

}  // namespace ej::service::sql
