#include "http/static_files.h"

#include <fstream>
#include <sstream>

#include "service/common/crypto.h"

namespace ej::http {

namespace fs = std::filesystem;

std::string_view ContentTypeFor(std::string_view path) {
  struct Entry {
    std::string_view ext;
    std::string_view type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json"},
  };
  for (const auto& e : kTypes) {
    if (path.ends_with(e.ext)) return e.type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    std::string rel = "/" + fs::relative(it->path(), root).generic_string();
    File f;
    f.content = content.str();
    f.content_type = std::string(ContentTypeFor(rel));
    // Vite puts content-hashed names under /assets/: those never change.
    f.cache_control = rel.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    f.etag = "\"" + service::Sha256Hex(f.content).substr(0, 32) + "\"";
    files_.emplace(std::move(rel), std::move(f));
  }
}

Response StaticFiles::Serve(std::string_view path, std::string_view if_none_match) const {
  auto it = files_.find(std::string(path));
  if (it == files_.end()) {
    // An unknown asset is a real 404; anything else is a page of the app.
    bool looks_like_file = path.rfind('.') != std::string_view::npos && path.rfind('.') > path.rfind('/');
    if (!looks_like_file) it = files_.find("/index.html");
  }
  Response res;
  if (it == files_.end()) {
    res.status = 404;
    res.content_type = "text/html; charset=utf-8";
    res.body = files_.empty() ? "<!doctype html><meta charset=utf-8><title>ejournal</title>"
                                "<p>Веб-интерфейс не собран: выполните <code>make build</code>."
                              : "<!doctype html><meta charset=utf-8><p>Не найдено";
    return res;
  }
  const File& f = it->second;
  res.content_type = f.content_type;
  res.Header("Cache-Control", f.cache_control);
  res.Header("ETag", f.etag);
  if (!if_none_match.empty() && if_none_match == f.etag) {
    res.status = 304;
    return res;
  }
  res.body = f.content;
  return res;
}

}  // namespace ej::http
