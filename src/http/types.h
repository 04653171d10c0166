// The HTTP exchange as the rest of src/http sees it: plain structs, no Beast
// headers, so that handlers compile fast and are tested without sockets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ej::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view ToString(Method method);
// POST, PUT, PATCH, DELETE: these need the CSRF token.
bool IsMutating(Method method);

struct Request {
  Method method = Method::kGet;
  std::string path;   // percent-decoded, without the query
  std::string query;  // raw, without '?'
  std::string body;
  std::string content_type;
  std::string session_token;  // from the session cookie
  std::string csrf_token;     // from the X-CSRF-Token header
  std::string if_none_match;
  std::string remote_ip;
  std::string user_agent;
  std::string host;     // the Host header, as the client addressed us
  bool secure = false;  // came over TLS (X-Forwarded-Proto: https from the proxy)
  std::vector<std::pair<std::string, std::string>> path_params;

  // The value of {name} in the matched route pattern ("" if absent).
  std::string_view PathParam(std::string_view name) const;
  // A query parameter, percent-decoded; nullopt if absent.
  std::optional<std::string> QueryParam(std::string_view name) const;
};

struct Response {
  unsigned status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string user_label;  // for the access log: "u<id>" when a session was used

  Response& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// "u<id>": how the access log names a user.
std::string UserLabel(int64_t user_id);

}  // namespace ej::http
