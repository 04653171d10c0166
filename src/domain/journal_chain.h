// The journal's history as a hash chain (ARCHITECTURE: journal_events). Each
// event's hash is SHA-256(prev_hash || Canonical(event)), chained per school,
// so that changing, removing or reordering any stored event is detected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ej::domain {

struct ChainEvent {
  int64_t school_id = 0;
  int64_t seq = 0;  // 1, 2, ... within the school
  int64_t occurred_at = 0;
  std::optional<int64_t> actor_id;
  std::string action;  // "mark.create", "mark.correct", ...
  std::string entity;  // "mark", ...
  int64_t entity_id = 0;
  std::optional<std::string> before;  // JSON of the entity before, none for a creation
  std::optional<std::string> after;   // JSON after, none for a removal
  std::optional<std::string> reason;
};

// Every field, length-prefixed, in a fixed order: two different events never
// have the same canonical form.
std::string Canonical(const ChainEvent& e);

// The prev_hash of a school's first event.
inline constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace ej::domain
