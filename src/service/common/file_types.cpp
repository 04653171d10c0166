#include "service/common/file_types.h"

#include <magic.h>

#include <array>

namespace ej::service::files {

namespace {

// One libmagic cookie per thread (a cookie is not thread-safe; loading the
// database costs milliseconds).
class Cookie {
 public:
  Cookie() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
    if (cookie_ != nullptr && magic_load(cookie_, nullptr) != 0) {
      magic_close(cookie_);
      cookie_ = nullptr;
    }
  }
  ~Cookie() {
    if (cookie_ != nullptr) magic_close(cookie_);
  }
  Cookie(const Cookie&) = delete;
  Cookie& operator=(const Cookie&) = delete;
  magic_t get() const { return cookie_; }

 private:
  magic_t cookie_;
};

}  // namespace

std::string MediaTypeOf(std::string_view bytes) {
  thread_local Cookie cookie;
  if (cookie.get() == nullptr) return "application/octet-stream";
  const char* type = magic_buffer(cookie.get(), bytes.data(), bytes.size());
  return type != nullptr ? std::string(type) : "application/octet-stream";
}

bool IsAllowedForHomework(std::string_view type) {
  static constexpr std::array<std::string_view, 14> kExact = {"application/pdf",
                                                              "text/plain",
                                                              "image/png",
                                                              "image/jpeg",
                                                              "image/gif",
                                                              "image/webp",
                                                              "audio/mpeg",
                                                              "audio/ogg",
                                                              "application/msword",
                                                              "application/vnd.ms-excel",
                                                              "application/vnd.ms-powerpoint",
                                                              "application/rtf",
                                                              "text/rtf",
                                                              "text/csv"};
  for (auto t : kExact) {
    if (type == t) return true;
  }
  return type.starts_with("application/vnd.openxmlformats-officedocument.") ||
         type.starts_with("application/vnd.oasis.opendocument.");
}

}  // namespace ej::service::files
