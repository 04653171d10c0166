#include "service/journal/journal_events.h"

#include "domain/journal_chain.h"
#include "service/common/crypto.h"
#include "service/common/principal.h"
#include "storage/columns.h"

namespace ej::service::events {

using storage::Value;

namespace {

std::string HashOf(const std::string& prev_hash, const domain::ChainEvent& e) {
  return Sha256Hex(prev_hash + domain::Canonical(e));
}

domain::ChainEvent ChainOf(const NewEvent& e, int64_t seq, int64_t occurred_at) {
  domain::ChainEvent c;
  c.school_id = e.school_id;
  c.seq = seq;
  c.occurred_at = occurred_at;
  c.actor_id = e.actor_id;
  c.action = e.action;
  c.entity = e.entity;
  c.entity_id = e.entity_id;
  c.before = e.before;
  c.after = e.after;
  c.reason = e.reason;
  return c;
}

}  // namespace

int64_t Append(storage::Connection& conn, const NewEvent& e, int64_t now) {
  conn.Query("INSERT INTO journal_heads (school_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (school_id) DO NOTHING",
             {Value{e.school_id}, Value{std::string(domain::kGenesisHash)}});
  // Taking the next number locks the head row until the transaction ends.
  auto head = conn.QueryOne("UPDATE journal_heads SET seq = seq + 1 WHERE school_id = $1 RETURNING seq, hash",
                            {Value{e.school_id}});
  const domain::ChainEvent c = ChainOf(e, head->Int(0), now);
  const std::string prev = head->Text(1);
  const std::string hash = HashOf(prev, c);
  conn.Query("UPDATE journal_heads SET hash = $2 WHERE school_id = $1", {Value{e.school_id}, Value{hash}});
  auto id = conn.QueryOne(
      "INSERT INTO journal_events (school_id, seq, occurred_at, actor_id, action, entity, entity_id, before_json,"
      " after_json, reason, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
      {Value{e.school_id}, Value{c.seq}, Value{now}, e.actor_id ? Value{*e.actor_id} : Value{}, Value{e.action},
       Value{e.entity}, Value{e.entity_id}, storage::OrNull(e.before), storage::OrNull(e.after),
       storage::OrNull(e.reason), Value{prev}, Value{hash}});
  return id->Int(0);
}

BatchAppender::BatchAppender(storage::Connection& conn, int64_t school_id) : conn_(conn), school_id_(school_id) {
  conn.Query("INSERT INTO journal_heads (school_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (school_id) DO NOTHING",
             {Value{school_id}, Value{std::string(domain::kGenesisHash)}});
  auto head = conn.QueryOne("SELECT seq, hash FROM journal_heads WHERE school_id = $1", {Value{school_id}});
  seq_ = head->Int(0);
  hash_ = head->Text(1);
}

void BatchAppender::Add(const NewEvent& e, int64_t occurred_at) {
  NewEvent own = e;
  own.school_id = school_id_;
  const domain::ChainEvent c = ChainOf(own, ++seq_, occurred_at);
  const std::string prev = hash_;
  hash_ = HashOf(prev, c);
  const Value row[] = {Value{school_id_},
                       Value{c.seq},
                       Value{occurred_at},
                       e.actor_id ? Value{*e.actor_id} : Value{},
                       Value{e.action},
                       Value{e.entity},
                       Value{e.entity_id},
                       storage::OrNull(e.before),
                       storage::OrNull(e.after),
                       storage::OrNull(e.reason),
                       Value{prev},
                       Value{hash_}};
  rows_.insert(rows_.end(), std::begin(row), std::end(row));
  ++added_;
}

int64_t BatchAppender::Finish() {
  storage::InsertRows(conn_,
                      "journal_events (school_id, seq, occurred_at, actor_id, action, entity, entity_id, before_json,"
                      " after_json, reason, prev_hash, hash)",
                      12, rows_);
  rows_.clear();
  conn_.Query("UPDATE journal_heads SET seq = $2, hash = $3 WHERE school_id = $1",
              {Value{school_id_}, Value{seq_}, Value{hash_}});
  return added_;
}

namespace {

struct StoredColumns : storage::Columns {
  size_t id = Add("e.id");
  size_t seq = Add("e.seq");
  size_t occurred_at = Add("e.occurred_at");
  size_t actor_id = Add("e.actor_id");
  size_t last_name = Add("u.last_name");
  size_t first_name = Add("u.first_name");
  size_t middle_name = Add("u.middle_name");
  size_t action = Add("e.action");
  size_t before = Add("e.before_json");
  size_t after = Add("e.after_json");
  size_t reason = Add("e.reason");
  size_t review = Add("r.status");
};
const StoredColumns kStored;

// An event as hashed into the chain, with the links it was stored with.
struct ChainColumns : storage::Columns {
  size_t id = Add("e.id");
  size_t seq = Add("e.seq");
  size_t occurred_at = Add("e.occurred_at");
  size_t actor_id = Add("e.actor_id");
  size_t action = Add("e.action");
  size_t entity = Add("e.entity");
  size_t entity_id = Add("e.entity_id");
  size_t before = Add("e.before_json");
  size_t after = Add("e.after_json");
  size_t reason = Add("e.reason");
  size_t prev_hash = Add("e.prev_hash");
  size_t hash = Add("e.hash");
};
const ChainColumns kChain;

domain::ChainEvent ReadChainEvent(const storage::Row& r, int64_t school_id) {
  const ChainColumns& k = kChain;
  domain::ChainEvent c;
  c.school_id = school_id;
  c.seq = r.Int(k.seq);
  c.occurred_at = r.Int(k.occurred_at);
  c.actor_id = r.OptInt(k.actor_id);
  c.action = r.Text(k.action);
  c.entity = r.Text(k.entity);
  c.entity_id = r.Int(k.entity_id);
  c.before = r.OptText(k.before);
  c.after = r.OptText(k.after);
  c.reason = r.OptText(k.reason);
  return c;
}

// Walks one school's chain from the genesis hash; returns false at the
// first event that breaks it (deleted, inserted or changed), filling
// `result`. `prev` and `count` end at the chain's last event.
bool VerifyChain(storage::Connection& conn, int64_t school_id, VerifyResult& result, std::string& prev,
                 int64_t& count) {
  const ChainColumns& k = kChain;
  for (const auto& r : conn.Query("SELECT " + k.List() + " FROM journal_events e WHERE e.school_id = $1 ORDER BY e.seq",
                                  {Value{school_id}})) {
    ++result.events;
    const domain::ChainEvent c = ReadChainEvent(r, school_id);
    std::string problem;
    if (c.seq != count + 1) {
      problem = "номер " + std::to_string(c.seq) + " вместо " + std::to_string(count + 1) +
                " (событие удалено или вставлено)";
    } else if (r.Text(k.prev_hash) != prev) {
      problem = "ссылка на предыдущее событие не совпадает";
    } else if (HashOf(prev, c) != r.Text(k.hash)) {
      problem = "содержание события изменено (хеш не совпадает)";
    }
    if (!problem.empty()) {
      result.broken_event_id = r.Int(k.id);
      result.broken_school_id = school_id;
      result.problem = std::move(problem);
      return false;
    }
    prev = r.Text(k.hash);
    ++count;
  }
  return true;
}

}  // namespace

std::vector<StoredEvent> Of(storage::Connection& conn, int64_t school_id, const std::string& entity,
                            int64_t entity_id) {
  const StoredColumns& k = kStored;
  std::vector<StoredEvent> out;
  for (const auto& r : conn.Query("SELECT " + k.List() +
                                      " FROM journal_events e LEFT JOIN users u ON u.id = e.actor_id"
                                      " LEFT JOIN event_reviews r ON r.event_id = e.id"
                                      " WHERE e.school_id = $1 AND e.entity = $2 AND e.entity_id = $3 ORDER BY e.seq",
                                  {Value{school_id}, Value{entity}, Value{entity_id}})) {
    StoredEvent s;
    s.id = r.Int(k.id);
    s.seq = r.Int(k.seq);
    s.occurred_at = r.Int(k.occurred_at);
    s.actor_id = r.OptInt(k.actor_id);
    if (s.actor_id) s.actor_name = FullName(r.Text(k.last_name), r.Text(k.first_name), r.OptText(k.middle_name));
    s.action = r.Text(k.action);
    s.before = r.OptText(k.before);
    s.after = r.OptText(k.after);
    s.reason = r.OptText(k.reason);
    s.review = r.OptText(k.review);
    out.push_back(std::move(s));
  }
  return out;
}

VerifyResult Verify(storage::Connection& conn) {
  VerifyResult result;
  storage::Transaction tx(conn, storage::TxMode::kRead);
  for (const auto& school : conn.Query("SELECT DISTINCT school_id FROM journal_events ORDER BY school_id")) {
    ++result.schools;
    const int64_t school_id = school.Int(0);
    std::string prev = domain::kGenesisHash;
    int64_t count = 0;
    if (!VerifyChain(conn, school_id, result, prev, count)) {
      tx.Commit();
      return result;
    }
    // The head must be where the chain ends: events cut off at the end are missing too.
    auto head = conn.QueryOne("SELECT seq, hash FROM journal_heads WHERE school_id = $1", {Value{school_id}});
    if (!head || head->Int(0) != count || head->Text(1) != prev) {
      result.broken_school_id = school_id;
      result.problem = "в конце цепочки не хватает событий (последнее по журналу: " +
                       (head ? std::to_string(head->Int(0)) : std::string("нет")) + ")";
      tx.Commit();
      return result;
    }
  }
  // A school whose every event is gone still has its head.
  if (auto gone = conn.QueryOne("SELECT school_id, seq FROM journal_heads WHERE seq > 0 AND school_id NOT IN"
                                " (SELECT school_id FROM journal_events) ORDER BY school_id")) {
    result.broken_school_id = gone->Int(0);
    result.problem = "все события школы удалены (по журналу их " + std::to_string(gone->Int(1)) + ")";
  }
  tx.Commit();
  return result;
}

}  // namespace ej::service::events
