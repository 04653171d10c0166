// A teacher's remark, praise or note on a student at a lesson (R-LES-4); with
// to_parents the parents see it in the diary.
#pragma once

#include <cstdint>
#include <string>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/journal/journal_views.h"
#include "storage/database.h"

namespace ej::service {

class CommentService {
 public:
  explicit CommentService(const Clock& clock) : clock_(clock) {}

  // A comment on a student of a held lesson, by the lesson's teacher.
  domain::Result<LessonComment> AddComment(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id,
                                           int64_t student_id, const std::string& kind, const std::string& text,
                                           bool to_parents);
  // Taken back with a reason; the row and its history stay.
  domain::Result<LessonComment> RemoveComment(storage::Connection& conn, const domain::Actor& actor, int64_t comment_id,
                                              const std::string& reason);

 private:
  const Clock& clock_;
};

namespace comments {

// "SELECT <a comment's columns> FROM lesson_comments c JOIN lessons l ...": add a WHERE.
const std::string& SelectSql();
LessonComment Read(const storage::Row& row);

}  // namespace comments

}  // namespace ej::service
