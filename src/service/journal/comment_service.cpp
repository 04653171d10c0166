// CommentService: comments on a student at a lesson.
#include "service/journal/comment_service.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <ctime>

#include "domain/calendar.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_rows.h"
#include "service/journal/lesson_facts.h"
#include "service/journal/plan_service.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace json = boost::json;

namespace {

struct CommentColumns : storage::Columns {
  size_t id = Add("c.id");
  size_t lesson_id = Add("c.lesson_id");
  size_t student_id = Add("c.student_id");
  size_t date = Add("l.lesson_date");
  size_t kind = Add("c.kind");
  size_t text = Add("c.body");
  size_t to_parents = Add("c.to_parents");
  size_t version = Add("c.version");
  size_t author_id = Add("c.created_by");
  size_t author_last = Add("u.last_name");
  size_t author_first = Add("u.first_name");
  size_t author_middle = Add("u.middle_name");
  size_t created_at = Add("c.created_at");
  size_t removed_at = Add("c.removed_at");
  size_t school_id = Add("c.school_id");
};
const CommentColumns kComment;
const std::string kCommentColumns =
    "SELECT " + kComment.List() +
    " FROM lesson_comments c JOIN lessons l ON l.id = c.lesson_id JOIN users u ON u.id = c.created_by";

LessonComment ReadComment(const storage::Row& r) {
  const CommentColumns& k = kComment;
  return LessonComment{
      r.Int(k.id),
      r.Int(k.lesson_id),
      r.Int(k.student_id),
      r.Text(k.date),
      r.Text(k.kind),
      r.Text(k.text),
      r.Int(k.to_parents) != 0,
      static_cast<int>(r.Int(k.version)),
      Named{r.Int(k.author_id), FullName(r.Text(k.author_last), r.Text(k.author_first), r.OptText(k.author_middle))},
      r.Int(k.created_at)};
}

std::string CommentSnapshot(const LessonComment& c, bool removed) {
  json::object o{{"lessonId", c.lesson_id}, {"studentId", c.student_id}, {"kind", c.kind},
                 {"text", c.text},          {"toParents", c.to_parents}, {"version", c.version}};
  if (removed) o["removed"] = true;
  return json::serialize(o);
}

}  // namespace

namespace comments {
const std::string& SelectSql() { return kCommentColumns; }
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
  auto saved = ReadComment(*conn.QueryOne(kCommentColumns + " WHERE c.id = $1", {Value{inserted->Int(0)}}));
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "comment.create", "comment", saved.id, std::nullopt,
                  CommentSnapshot(saved, false), std::nullopt},
                 now);
  tx.Commit();
  return saved;
}

domain::Result<LessonComment> CommentService::RemoveComment(storage::Connection& conn, const domain::Actor& actor,
                                                            int64_t comment_id, const std::string& reason_arg) {
  auto reason = lessons::Reason(reason_arg);
  if (!reason) return reason.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto row = conn.QueryOne(kCommentColumns + " WHERE c.id = $1", {Value{comment_id}});
  if (!row || !actor.HasAnyIn(row->Int(kComment.school_id))) return Error::Of(ErrorCode::kNotFound);
  const LessonComment before = ReadComment(*row);
  const int64_t now = clock_.Now();
  auto lesson = lessons::TakeBack(conn, actor, {"lesson_comments", true, "комментарий уже снят"}, comment_id,
                                  before.lesson_id, !row->IsNull(kComment.removed_at), now);
  if (!lesson) return lesson.error();
  LessonComment after = before;
  after.version += 1;
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "comment.remove", "comment", comment_id,
                  CommentSnapshot(before, false), CommentSnapshot(after, true), *reason},
                 now);
  tx.Commit();
  return after;
}

}  // namespace ej::service
