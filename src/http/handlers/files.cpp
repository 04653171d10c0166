// Files attached to lessons (docs/api/openapi.yaml: /files/{id}, /files/{id}/remove); they are
// attached at /lessons/{id}/files (lessons.cpp).
#include <cctype>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace {

// A file name in Content-Disposition: ASCII fallback and the UTF-8 name (RFC 6266, RFC 5987).
std::string ContentDisposition(const std::string& name) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    ascii.push_back(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? static_cast<char>(c) : '_');
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += '%';
      encoded.push_back(kHex[c >> 4]);
      encoded.push_back(kHex[c & 15]);
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

// Out of line: GCC 12 sees a false out-of-bounds copy in these short literals when inlined.
[[gnu::noinline]] void AddAttachmentHeaders(Response& res, const std::string& name) {
  res.headers.emplace_back(std::string_view("Content-Disposition"), ContentDisposition(name));
  res.headers.emplace_back(std::string_view("X-Content-Type-Options"), std::string_view("nosniff"));
}

}  // namespace

// GET /api/v1/files/{id}: the file itself.
Response DownloadLessonFile(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    auto found = ctx.services.lesson_files.DownloadFile(*ctx.conn, ctx.actor(), id);
    if (!found) return ErrorResponse(found.error());
    Response res;
    res.status = 200;
    res.content_type = found->first.media_type;
    res.body = std::move(found->second);
    AddAttachmentHeaders(res, found->first.name);
    return res;
  });
}

// POST /api/v1/files/{id}/remove: {reason}
Response RemoveLessonFile(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"reason"});
  const std::string reason = in.String("reason", 500);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.lesson_files.RemoveFile(*ctx.conn, ctx.actor(), id, reason), FileJson);
}

}  // namespace ej::http::handlers
