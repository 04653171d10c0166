// The journal's history (journal_events): appended in the transaction of the
// change it records, hash-chained per school, verified by `ejournal verify`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace ej::service::events {

struct NewEvent {
  int64_t school_id = 0;
  std::optional<int64_t> actor_id;
  std::string action;  // "mark.create", ...
  std::string entity;  // "mark", ...
  int64_t entity_id = 0;
  std::optional<std::string> before;  // JSON
  std::optional<std::string> after;   // JSON
  std::optional<std::string> reason;
};

// Appends inside the caller's write transaction; the school's chain head row
// is locked until it ends, so concurrent appends of a school are serialized.
// Returns the event's id.
int64_t Append(storage::Connection& conn, const NewEvent& e, int64_t now);

// Many events of one school at once (the demo's journal), chained exactly as
// Append chains them, with few statements. Inside the caller's transaction;
// nothing else may append to the school meanwhile.
class BatchAppender {
 public:
  BatchAppender(storage::Connection& conn, int64_t school_id);
  void Add(const NewEvent& e, int64_t occurred_at);
  // Writes what was added and moves the school's head; returns how many.
  int64_t Finish();

 private:
  storage::Connection& conn_;
  int64_t school_id_;
  int64_t seq_ = 0;
  std::string hash_;
  std::vector<storage::Value> rows_;
  int64_t added_ = 0;
};

struct StoredEvent {
  int64_t id = 0;
  int64_t seq = 0;
  int64_t occurred_at = 0;
  std::optional<int64_t> actor_id;
  std::string actor_name;
  std::string action;
  std::optional<std::string> before;
  std::optional<std::string> after;
  std::optional<std::string> reason;
  // Under review after a compromise: "pending", "confirmed" or "reverted".
  std::optional<std::string> review;
};
// The events of one entity, oldest first.
std::vector<StoredEvent> Of(storage::Connection& conn, int64_t school_id, const std::string& entity, int64_t entity_id);

struct VerifyResult {
  int64_t schools = 0;
  int64_t events = 0;
  // The first event (by school, then sequence) whose hash, link or place in
  // the sequence is wrong, and what is wrong with it.
  std::optional<int64_t> broken_event_id;
  std::optional<int64_t> broken_school_id;
  std::string problem;
};
// Recomputes every school's chain from its first event.
VerifyResult Verify(storage::Connection& conn);

}  // namespace ej::service::events
