// The built web front end (web/dist), loaded into memory at start and served
// with its content type and cache headers. Paths that are not files fall back
// to index.html, so the single-page app's own routes work after a reload.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/types.h"

namespace ej::http {

class StaticFiles {
 public:
  // Loads every file under `root`; an absent root serves a short notice.
  explicit StaticFiles(const std::filesystem::path& root);

  size_t file_count() const { return files_.size(); }
  // GET/HEAD of a non-API path.
  Response Serve(std::string_view path, std::string_view if_none_match) const;

 private:
  struct File {
    std::string content;
    std::string content_type;
    std::string cache_control;
    std::string etag;
  };
  std::unordered_map<std::string, File> files_;
};

std::string_view ContentTypeFor(std::string_view path);

}  // namespace ej::http
