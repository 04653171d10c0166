#include "service/journal/review_service.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <ctime>

#include "domain/calendar.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/actor_loader.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/journal/journal_events.h"
#include "service/journal/review_restore.h"
#include "service/people/user_service.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

namespace json = boost::json;

// "YYYY-MM-DDTHH:MM" in the server's zone as Unix time.
std::optional<int64_t> ParseLocalMinute(const std::string& text) {
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  auto date = domain::ParseDate(std::string_view(text).substr(0, 10));
  if (!date) return std::nullopt;
  const auto digits = [&](size_t at) -> int {
    if (text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return -1;
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
  };
  const int hour = digits(11), minute = digits(14);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(text.substr(8, 2));
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return static_cast<int64_t>(t);
}

domain::Result<std::string> Note(const std::string& given, bool required) {
  std::string note(domain::Trim(given));
  if (required && note.empty()) return Error::WithDetail(ErrorCode::kMissingField, "note (основание решения)");
  if (domain::Utf8Length(note) > 1000) return Error::WithDetail(ErrorCode::kInvalidValue, "note");
  return note;
}

struct ItemColumns : storage::Columns {
  size_t event_id = Add("r.event_id");
  size_t compromise_id = Add("r.compromise_id");
  size_t status = Add("r.status");
  size_t occurred_at = Add("e.occurred_at");
  size_t actor_id = Add("e.actor_id");
  size_t actor_last = Add("a.last_name");
  size_t actor_first = Add("a.first_name");
  size_t actor_middle = Add("a.middle_name");
  size_t action = Add("e.action");
  size_t entity = Add("e.entity");
  size_t entity_id = Add("e.entity_id");
  size_t before = Add("e.before_json");
  size_t after = Add("e.after_json");
  size_t reason = Add("e.reason");
  size_t reviewed_by = Add("r.reviewed_by");
  size_t reviewer_last = Add("v.last_name");
  size_t reviewer_first = Add("v.first_name");
  size_t reviewer_middle = Add("v.middle_name");
  size_t reviewed_at = Add("r.reviewed_at");
  size_t note = Add("r.note");
  size_t school_id = Add("e.school_id");
};
const ItemColumns kItem;
const std::string kItemColumns = "SELECT " + kItem.List() +
                                 " FROM event_reviews r JOIN journal_events e ON e.id = r.event_id"
                                 " LEFT JOIN users a ON a.id = e.actor_id LEFT JOIN users v ON v.id = r.reviewed_by";

ReviewItem ReadItem(const storage::Row& r) {
  const ItemColumns& k = kItem;
  ReviewItem i;
  i.event_id = r.Int(k.event_id);
  i.compromise_id = r.Int(k.compromise_id);
  i.status = r.Text(k.status);
  i.occurred_at = r.Int(k.occurred_at);
  i.actor_id = r.OptInt(k.actor_id).value_or(0);
  if (!r.IsNull(k.actor_last)) {
    i.actor_name = FullName(r.Text(k.actor_last), r.Text(k.actor_first), r.OptText(k.actor_middle));
  }
  i.action = r.Text(k.action);
  i.entity = r.Text(k.entity);
  i.entity_id = r.Int(k.entity_id);
  i.before = r.OptText(k.before);
  i.after = r.OptText(k.after);
  i.reason = r.OptText(k.reason);
  i.reviewed_by = r.OptInt(k.reviewed_by);
  if (!r.IsNull(k.reviewer_last)) {
    i.reviewer_name = FullName(r.Text(k.reviewer_last), r.Text(k.reviewer_first), r.OptText(k.reviewer_middle));
  }
  i.reviewed_at = r.OptInt(k.reviewed_at);
  i.note = r.OptText(k.note);
  return i;
}

// Class or group · subject · date of a lesson, and the student if any.
std::string PlaceOf(storage::Connection& conn, const ReviewItem& i) {
  std::string sql;
  if (i.entity == "mark" || i.entity == "attendance" || i.entity == "comment") {
    const char* table = i.entity == "mark" ? "marks" : i.entity == "attendance" ? "attendance" : "lesson_comments";
    sql = std::string(
              "SELECT COALESCE(CAST(c.grade AS TEXT) || c.letter, g.name), s.name, l.lesson_date,"
              " u.last_name, u.first_name FROM ") +
          table +
          " x JOIN lessons l ON l.id = x.lesson_id JOIN subjects s ON s.id = l.subject_id"
          " LEFT JOIN classes c ON c.id = l.class_id LEFT JOIN study_groups g ON g.id = l.group_id"
          " JOIN users u ON u.id = x.student_id WHERE x.id = $1";
  } else if (i.entity == "lesson") {
    sql =
        "SELECT COALESCE(CAST(c.grade AS TEXT) || c.letter, g.name), s.name, l.lesson_date, NULL, NULL"
        " FROM lessons l JOIN subjects s ON s.id = l.subject_id LEFT JOIN classes c ON c.id = l.class_id"
        " LEFT JOIN study_groups g ON g.id = l.group_id WHERE l.id = $1";
  } else if (i.entity == "period_mark") {
    // A reverted first setting leaves no row: the journal and student are in the snapshot.
    const auto snapshot = json::parse(i.after ? *i.after : i.before ? *i.before : std::string("{}")).as_object();
    const auto* journal = snapshot.if_contains("journalId");
    const auto* student = snapshot.if_contains("studentId");
    if (!journal || !student || !journal->is_int64() || !student->is_int64()) return {};
    auto r = conn.QueryOne(
        "SELECT COALESCE(CAST(c.grade AS TEXT) || c.letter, g.name), s.name, j.period_number, u.last_name,"
        " u.first_name FROM journals j JOIN subjects s ON s.id = j.subject_id LEFT JOIN classes c ON c.id = j.class_id"
        " LEFT JOIN study_groups g ON g.id = j.group_id JOIN users u ON u.id = $2 WHERE j.id = $1",
        {Value{journal->as_int64()}, Value{student->as_int64()}});
    if (!r) return {};
    return r->Text(0) + " · " + r->Text(1) + " · период " + std::to_string(r->Int(2)) + " · " + r->Text(3) + " " +
           r->Text(4);
  } else {
    return {};
  }
  auto r = conn.QueryOne(sql, {Value{i.entity_id}});
  if (!r) return {};
  std::string place = r->Text(0) + " · " + r->Text(1) + " · " + r->Text(2);
  if (!r->IsNull(3)) place += " · " + r->Text(3) + " " + r->Text(4);
  return place;
}

std::optional<ReviewItem> LoadItem(storage::Connection& conn, int64_t event_id, int64_t* school_id);

// A change still waiting for the actor's decision, and its school.
domain::Result<std::pair<ReviewItem, int64_t>> Pending(storage::Connection& conn, const domain::Actor& actor,
                                                       int64_t event_id) {
  int64_t school_id = 0;
  auto item = LoadItem(conn, event_id, &school_id);
  if (!item || !actor.HasAnyIn(school_id)) return Error::Of(ErrorCode::kNotFound);
  if (!domain::Allowed(actor, Action::kReviewChanges, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (item->status != "pending") return Error::Of(ErrorCode::kAlreadyReviewed);
  return std::make_pair(std::move(*item), school_id);
}

std::optional<ReviewItem> LoadItem(storage::Connection& conn, int64_t event_id, int64_t* school_id) {
  auto r = conn.QueryOne(kItemColumns + " WHERE r.event_id = $1", {Value{event_id}});
  if (!r) return std::nullopt;
  if (school_id) *school_id = r->Int(kItem.school_id);
  ReviewItem item = ReadItem(*r);
  item.place = PlaceOf(conn, item);
  return item;
}

}  // namespace

domain::Result<Compromise> ReviewService::DeclareCompromise(storage::Connection& conn, const domain::Actor& actor,
                                                            int64_t school_id, int64_t user_id,
                                                            const std::string& since_text,
                                                            const std::string& reason_arg) {
  const std::string reason(domain::Trim(reason_arg));
  if (reason.empty()) return Error::WithDetail(ErrorCode::kMissingField, "reason (как стало известно о компрометации)");
  if (domain::Utf8Length(reason) > 1000) return Error::WithDetail(ErrorCode::kInvalidValue, "reason");
  const auto since = ParseLocalMinute(since_text);
  const int64_t now = clock_.Now();
  if (!since) return Error::WithDetail(ErrorCode::kInvalidValue, "since (ГГГГ-ММ-ДДTЧЧ:ММ)");
  if (*since > now) return Error::WithDetail(ErrorCode::kInvalidValue, "since: момент ещё не наступил");
  if (*since < now - 366LL * 24 * 3600) return Error::WithDetail(ErrorCode::kInvalidValue, "since: больше года назад");
  storage::Transaction tx(conn, TxMode::kWrite);
  const domain::PersonRef person = LoadPersonRef(conn, user_id, clock_.Today());
  if (!domain::Allowed(actor, Action::kManageAccounts, Resource::OfPerson(person, school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (user_id == actor.user_id) {
    return Error::WithDetail(ErrorCode::kInvalidValue,
                             "о компрометации своей учётной записи заявляет другой администратор");
  }
  auto inserted = conn.QueryOne(
      "INSERT INTO compromises (school_id, user_id, since, reason, declared_by, declared_at)"
      " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {Value{school_id}, Value{user_id}, Value{*since}, Value{reason}, Value{actor.user_id}, Value{now}});
  const int64_t id = inserted->Int(0);
  // Every journal change of the account since then, not yet under review.
  conn.Query(
      "INSERT INTO event_reviews (event_id, school_id, compromise_id)"
      " SELECT e.id, e.school_id, $3 FROM journal_events e WHERE e.school_id = $1 AND e.actor_id = $2"
      " AND e.occurred_at >= $4 AND NOT EXISTS (SELECT 1 FROM event_reviews r WHERE r.event_id = e.id)",
      {Value{school_id}, Value{user_id}, Value{id}, Value{*since}});
  const int flagged = static_cast<int>(conn.ChangedRows());
  accounts::SetLocked(conn, clock_, user_id, true);
  events::Append(conn,
                 {school_id, actor.user_id, "account.compromise", "user", user_id, std::nullopt,
                  json::serialize(json::object{{"compromiseId", id}, {"since", *since}, {"flagged", flagged}}), reason},
                 now);
  tx.Commit();
  auth_.cache().EraseUser(user_id);
  return Compromise{id, user_id, *since, flagged};
}

domain::Result<std::vector<ReviewItem>> ReviewService::List(storage::Connection& conn, const domain::Actor& actor,
                                                            int64_t school_id, const std::string& status) {
  if (!status.empty() && status != "pending" && status != "confirmed" && status != "reverted") {
    return Error::WithDetail(ErrorCode::kInvalidValue, "status (pending, confirmed или reverted)");
  }
  if (!domain::Allowed(actor, Action::kReviewChanges, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  storage::Transaction tx(conn, TxMode::kRead);
  std::vector<ReviewItem> out;
  for (const auto& r :
       conn.Query(kItemColumns + " WHERE r.school_id = $1 AND ($2 = '' OR r.status = $2) ORDER BY e.seq DESC"
                                 " LIMIT 1000",
                  {Value{school_id}, Value{status}})) {
    out.push_back(ReadItem(r));
    out.back().place = PlaceOf(conn, out.back());
  }
  tx.Commit();
  return out;
}

domain::Result<ReviewItem> ReviewService::Confirm(storage::Connection& conn, const domain::Actor& actor,
                                                  int64_t event_id, const std::string& note_arg) {
  auto note = Note(note_arg, false);
  if (!note) return note.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto pending = Pending(conn, actor, event_id);
  if (!pending) return pending.error();
  const int64_t school_id = pending->second;
  const int64_t now = clock_.Now();
  const int64_t result =
      events::Append(conn,
                     {school_id, actor.user_id, "review.confirm", "journal_event", event_id, std::nullopt,
                      json::serialize(json::object{{"eventId", event_id}, {"status", "confirmed"}}),
                      note->empty() ? std::nullopt : std::optional<std::string>(*note)},
                     now);
  conn.Query(
      "UPDATE event_reviews SET status = 'confirmed', reviewed_by = $2, reviewed_at = $3, note = $4,"
      " result_event_id = $5 WHERE event_id = $1",
      {Value{event_id}, Value{actor.user_id}, Value{now}, note->empty() ? Value{} : Value{*note}, Value{result}});
  auto done = LoadItem(conn, event_id, nullptr);
  tx.Commit();
  return *done;
}

domain::Result<ReviewItem> ReviewService::Revert(storage::Connection& conn, const domain::Actor& actor,
                                                 int64_t event_id, const std::string& note_arg) {
  auto note = Note(note_arg, true);
  if (!note) return note.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto pending = Pending(conn, actor, event_id);
  if (!pending) return pending.error();
  const ReviewItem* item = &pending->first;
  const int64_t school_id = pending->second;
  if (!item->after) return Error::WithDetail(ErrorCode::kInvalidValue, "это изменение нельзя отменить автоматически");
  // The entry must still be as this change left it: every later change of it
  // was itself reverted (or is a revert).
  auto later = conn.QueryOne(
      "SELECT COUNT(*) FROM journal_events e LEFT JOIN event_reviews r ON r.event_id = e.id"
      " WHERE e.school_id = $1 AND e.entity = $2 AND e.entity_id = $3"
      " AND e.seq > (SELECT seq FROM journal_events WHERE id = $4)"
      " AND e.action NOT LIKE '%.revert' AND (r.status IS NULL OR r.status <> 'reverted')",
      {Value{school_id}, Value{item->entity}, Value{item->entity_id}, Value{event_id}});
  if (later->Int(0) > 0) return Error::Of(ErrorCode::kLaterChanges);
  std::optional<json::object> before;
  if (item->before) before = json::parse(*item->before).as_object();
  const json::object after = json::parse(*item->after).as_object();
  const int64_t now = clock_.Now();
  auto restored = review::Restore(conn, item->entity, item->entity_id, before, after, actor.user_id, now);
  if (!restored) return restored.error();
  const int64_t result = events::Append(
      conn,
      {school_id, actor.user_id, item->entity + ".revert", item->entity, item->entity_id, item->after,
       restored->snapshot,
       "Отмена изменения №" + std::to_string(event_id) + " (учётная запись скомпрометирована): " + *note},
      now);
  conn.Query(
      "UPDATE event_reviews SET status = 'reverted', reviewed_by = $2, reviewed_at = $3, note = $4,"
      " result_event_id = $5 WHERE event_id = $1",
      {Value{event_id}, Value{actor.user_id}, Value{now}, Value{*note}, Value{result}});
  auto done = LoadItem(conn, event_id, nullptr);
  tx.Commit();
  return *done;
}

}  // namespace ej::service
