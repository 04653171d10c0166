#include "domain/journal_chain.h"

namespace ej::domain {
namespace {

void Field(std::string& out, const char* name, const std::string& value) {
  out += name;
  out += ':';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

void Optional(std::string& out, const char* name, const std::optional<std::string>& value) {
  // Absent and empty differ: "name:-" for none.
  if (!value) {
    out += name;
    out += ":-\n";
    return;
  }
  Field(out, name, *value);
}

}  // namespace

std::string Canonical(const ChainEvent& e) {
  std::string out = "ejournal-event-v1\n";
  Field(out, "school", std::to_string(e.school_id));
  Field(out, "seq", std::to_string(e.seq));
  Field(out, "at", std::to_string(e.occurred_at));
  Optional(out, "actor", e.actor_id ? std::optional<std::string>(std::to_string(*e.actor_id)) : std::nullopt);
  Field(out, "action", e.action);
  Field(out, "entity", e.entity);
  Field(out, "entity_id", std::to_string(e.entity_id));
  Optional(out, "before", e.before);
  Optional(out, "after", e.after);
  Optional(out, "reason", e.reason);
  return out;
}

}  // namespace ej::domain
