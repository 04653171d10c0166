// Files attached to a lesson's homework: up to 10 MiB, of a kind that is safe
// to open (libmagic decides by the content, not the name), each attachment
// and removal an event with the file's SHA-256.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/journal/journal_views.h"
#include "storage/database.h"

namespace ej::service {

class LessonFileService {
 public:
  explicit LessonFileService(const Clock& clock) : clock_(clock) {}

  // By the lesson's teacher (in advance too).
  domain::Result<LessonFile> AttachFile(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id,
                                        const std::string& name, const std::string& bytes);
  domain::Result<LessonFile> RemoveFile(storage::Connection& conn, const domain::Actor& actor, int64_t file_id,
                                        const std::string& reason);
  // A file and its content: for whoever opens the journal, the lesson's
  // students and their parents.
  domain::Result<std::pair<LessonFile, std::string>> DownloadFile(storage::Connection& conn, const domain::Actor& actor,
                                                                  int64_t file_id);

 private:
  const Clock& clock_;
};

namespace lesson_files {

// "SELECT <a file's columns, not its content> FROM lesson_files f JOIN lessons l ...": add a WHERE.
const std::string& SelectSql();
LessonFile Read(const storage::Row& row);

}  // namespace lesson_files

}  // namespace ej::service
