// LessonFileService: files attached to a lesson's homework, each attachment and
// removal an event of the journal.
#include "service/journal/lesson_file_service.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/crypto.h"
#include "service/common/file_types.h"
#include "service/common/principal.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_rows.h"
#include "service/journal/lesson_facts.h"
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

constexpr size_t kMaxFileSize = 10u << 20;

// A file without its content.
struct FileColumns : storage::Columns {
  size_t id = Add("f.id");
  size_t lesson_id = Add("f.lesson_id");
  size_t name = Add("f.name");
  size_t media_type = Add("f.media_type");
  size_t size = Add("f.size");
  size_t sha256 = Add("f.sha256");
  size_t by_id = Add("f.uploaded_by");
  size_t by_last = Add("u.last_name");
  size_t by_first = Add("u.first_name");
  size_t by_middle = Add("u.middle_name");
  size_t uploaded_at = Add("f.uploaded_at");
  size_t removed_at = Add("f.removed_at");
  size_t school_id = Add("f.school_id");
};
const FileColumns kFile;
const std::string kFileColumns =
    "SELECT " + kFile.List() +
    " FROM lesson_files f JOIN lessons l ON l.id = f.lesson_id JOIN users u ON u.id = f.uploaded_by";

std::string FileSnapshot(const LessonFile& f, bool removed) {
  json::object o{
      {"lessonId", f.lesson_id}, {"name", f.name}, {"mediaType", f.media_type}, {"size", f.size}, {"sha256", f.sha256}};
  if (removed) o["removed"] = true;
  return json::serialize(o);
}

// A name fit for a download: no path, no control characters, not empty.
std::string CleanName(const std::string& given) {
  std::string name = given.substr(given.find_last_of("/\\") == std::string::npos ? 0 : given.find_last_of("/\\") + 1);
  std::string out;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f && c != '"') out.push_back(c);
  }
  out = std::string(domain::Trim(out));
  return out.empty() ? "файл" : out;
}

// The lesson's journal opened by the actor, or the actor (or their child) in the lesson.
bool MaySee(storage::Connection& conn, const domain::Actor& actor, const lessons::Facts& lesson,
            const std::string& today) {
  if (journals::MayReadLessonOf(conn, actor, lessons::TargetKey(lesson), lesson.subject_id, lesson.date, today)) {
    return true;
  }
  if (lessons::Attends(conn, lesson, actor.user_id)) return true;
  for (const auto& child : conn.Query("SELECT student_id FROM guardians WHERE parent_id = $1 AND school_id = $2",
                                      {Value{actor.user_id}, Value{lesson.school_id}})) {
    if (lessons::Attends(conn, lesson, child.Int(0))) return true;
  }
  return false;
}

}  // namespace

namespace lesson_files {
const std::string& SelectSql() { return kFileColumns; }
LessonFile Read(const storage::Row& r) {
  const FileColumns& k = kFile;
  return LessonFile{r.Int(k.id),
                    r.Int(k.lesson_id),
                    r.Text(k.name),
                    r.Text(k.media_type),
                    r.Int(k.size),
                    r.Text(k.sha256),
                    Named{r.Int(k.by_id), FullName(r.Text(k.by_last), r.Text(k.by_first), r.OptText(k.by_middle))},
                    r.Int(k.uploaded_at)};
}
}  // namespace lesson_files

domain::Result<LessonFile> LessonFileService::AttachFile(storage::Connection& conn, const domain::Actor& actor,
                                                         int64_t lesson_id, const std::string& given_name,
                                                         const std::string& bytes) {
  if (bytes.empty()) return Error::WithDetail(ErrorCode::kMissingField, "файл пустой");
  if (bytes.size() > kMaxFileSize) return Error::WithDetail(ErrorCode::kBodyTooLarge, "файл больше 10 МБ");
  const std::string name = CleanName(given_name);
  if (domain::Utf8Length(name) > 200 || !domain::IsValidUtf8(name)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "fileName (до 200 знаков)");
  }
  const std::string type = files::MediaTypeOf(bytes);
  if (!files::IsAllowedForHomework(type)) return Error::WithDetail(ErrorCode::kFileTypeNotAllowed, type);
  storage::Transaction tx(conn, TxMode::kWrite);
  auto lesson = lessons::ForWriting(conn, actor, lesson_id);
  if (!lesson) return lesson.error();
  if (!lesson->held_status) return Error::Of(ErrorCode::kLessonNotHeld);
  if (conn.QueryOne("SELECT COUNT(*) FROM lesson_files WHERE lesson_id = $1 AND removed_at IS NULL", {Value{lesson_id}})
          ->Int(0) >= 10) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "к уроку можно прикрепить не больше 10 файлов");
  }
  const int64_t now = clock_.Now();
  auto inserted = conn.QueryOne(
      "INSERT INTO lesson_files (school_id, lesson_id, name, media_type, size, sha256, content, uploaded_by,"
      " uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {Value{lesson->school_id}, Value{lesson_id}, Value{name}, Value{type}, Value{static_cast<int64_t>(bytes.size())},
       Value{Sha256Hex(bytes)}, Value{storage::Bytes{bytes}}, Value{actor.user_id}, Value{now}});
  const LessonFile saved =
      lesson_files::Read(*conn.QueryOne(kFileColumns + " WHERE f.id = $1", {Value{inserted->Int(0)}}));
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "file.attach", "file", saved.id, std::nullopt,
                  FileSnapshot(saved, false), std::nullopt},
                 now);
  tx.Commit();
  return saved;
}

domain::Result<LessonFile> LessonFileService::RemoveFile(storage::Connection& conn, const domain::Actor& actor,
                                                         int64_t file_id, const std::string& reason_arg) {
  auto reason = lessons::Reason(reason_arg);
  if (!reason) return reason.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto row = conn.QueryOne(kFileColumns + " WHERE f.id = $1", {Value{file_id}});
  if (!row || !actor.HasAnyIn(row->Int(kFile.school_id))) return Error::Of(ErrorCode::kNotFound);
  const LessonFile file = lesson_files::Read(*row);
  const int64_t now = clock_.Now();
  auto lesson = lessons::TakeBack(conn, actor, {"lesson_files", false, "файл уже убран"}, file_id, file.lesson_id,
                                  !row->IsNull(kFile.removed_at), now);
  if (!lesson) return lesson.error();
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "file.remove", "file", file_id, FileSnapshot(file, false),
                  FileSnapshot(file, true), *reason},
                 now);
  tx.Commit();
  return file;
}

domain::Result<std::pair<LessonFile, std::string>> LessonFileService::DownloadFile(storage::Connection& conn,
                                                                                   const domain::Actor& actor,
                                                                                   int64_t file_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto row = conn.QueryOne(kFileColumns + " WHERE f.id = $1 AND f.removed_at IS NULL", {Value{file_id}});
  if (!row || !actor.HasAnyIn(row->Int(kFile.school_id))) return Error::Of(ErrorCode::kNotFound);
  const LessonFile file = lesson_files::Read(*row);
  auto lesson = lessons::Load(conn, file.lesson_id);
  if (!lesson || !MaySee(conn, actor, *lesson, clock_.Today())) return Error::Of(ErrorCode::kNotFound);
  auto content = conn.QueryOne("SELECT content FROM lesson_files WHERE id = $1", {Value{file_id}});
  std::string bytes = content->Binary(0);
  tx.Commit();
  return std::make_pair(file, std::move(bytes));
}

}  // namespace ej::service
