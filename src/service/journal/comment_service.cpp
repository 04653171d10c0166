// CommentService: comments on a student at a lesson.
#include "service/journal/comment_service.h"
#include "domain/calendar.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_rows.h"
#include "service/journal/lesson_facts.h"
#include "service/journal/plan_service.h"
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <ctime>

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace json = boost::json;

namespace {

constexpr const char* kCommentColumns =
    "SELECT c.id, c.lesson_id, c.student_id, l.lesson_date, c.kind, c.body, c.to_parents, c.version, c.created_by,"
    " u.last_name, u.first_name, u.middle_name, c.created_at, c.removed_at, c.school_id"
    " FROM lesson_comments c JOIN lessons l ON l.id = c.lesson_id JOIN users u ON u.id = c.created_by";

LessonComment ReadComment(const storage::Row& r) {
  return LessonComment{r.Int(0),         r.Int(1),         r.Int(2),
                       r.Text(3),        r.Text(4),        r.Text(5),
                       r.Int(6) != 0,    static_cast<int>(r.Int(7)),
                       Named{r.Int(8), FullName(r.Text(9), r.Text(10), r.OptText(11))}, r.Int(12)};
}

std::string CommentJson(const LessonComment& c, bool removed) {
  json::object o{{"lessonId", c.lesson_id}, {"studentId", c.student_id}, {"kind", c.kind},
                 {"text", c.text},          {"toParents", c.to_parents},  {"version", c.version}};
  if (removed) o["removed"] = true;
  return json::serialize(o);
}

}  // namespace

namespace comments {
const char* SelectSql() { return kCommentColumns; }
LessonComment Read(const storage::Row& row) { return ReadComment(row); }
}  // namespace comments

domain::Result<LessonComment> CommentService::AddComment(storage::Connection& conn, const domain::Actor& actor,
                                                         int64_t lesson_id, int64_t student_id, const std::string& kind,
                                                         const std::string& text_arg, bool to_parents) {
  if (kind != "remark" && kind != "praise" && kind != "note") {
    return Error::WithDetail(ErrorCode::kInvalidValue, "kind (remark, praise или note)");
  }
  const std::string text(domain::Trim(text_arg));
  if (text.empty()) return Error::WithDetail(ErrorCode::kMissingField, "text");
  if (domain::Utf8Length(text) > 1000) return Error::WithDetail(ErrorCode::kInvalidValue, "text (до 1000 знаков)");
  storage::Transaction tx(conn, TxMode::kWrite);
  auto lesson = lessons::ForWriting(conn, actor, lesson_id);
  if (!lesson) return lesson.error();
  if (!lesson->held_status || lesson->date > clock_.Today()) return Error::Of(ErrorCode::kLessonNotHeld);
  if (!lessons::Attends(conn, *lesson, student_id)) return Error::Of(ErrorCode::kNotInLesson);
  const int64_t now = clock_.Now();
  auto inserted = conn.QueryOne(
      "INSERT INTO lesson_comments (school_id, lesson_id, student_id, kind, body, to_parents, created_by, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {Value{lesson->school_id}, Value{lesson_id}, Value{student_id}, Value{kind}, Value{text},
       Value{int64_t{to_parents ? 1 : 0}}, Value{actor.user_id}, Value{now}});
  auto saved = ReadComment(*conn.QueryOne(std::string(kCommentColumns) + " WHERE c.id = $1", {Value{inserted->Int(0)}}));
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "comment.create", "comment", saved.id, std::nullopt,
                  CommentJson(saved, false), std::nullopt},
                 now);
  tx.Commit();
  return saved;
}

domain::Result<LessonComment> CommentService::RemoveComment(storage::Connection& conn, const domain::Actor& actor,
                                                            int64_t comment_id, const std::string& reason_arg) {
  auto reason = lessons::Reason(reason_arg);
  if (!reason) return reason.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto row = conn.QueryOne(std::string(kCommentColumns) + " WHERE c.id = $1", {Value{comment_id}});
  if (!row || !actor.HasAnyIn(row->Int(14))) return Error::Of(ErrorCode::kNotFound);
  const LessonComment before = ReadComment(*row);
  auto lesson = lessons::Load(conn, before.lesson_id);
  if (!domain::Allowed(actor, Action::kWriteLesson, Resource::OfLesson(lesson->school_id, lesson->writer_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (!row->IsNull(13)) return Error::WithDetail(ErrorCode::kNotFound, "комментарий уже снят");
  const int64_t now = clock_.Now();
  conn.Query("UPDATE lesson_comments SET removed_by = $2, removed_at = $3, version = version + 1 WHERE id = $1",
             {Value{comment_id}, Value{actor.user_id}, Value{now}});
  LessonComment after = before;
  after.version += 1;
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "comment.remove", "comment", comment_id,
                  CommentJson(before, false), CommentJson(after, true), *reason},
                 now);
  tx.Commit();
  return after;
}

}  // namespace ej::service
