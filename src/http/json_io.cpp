#include "http/json_io.h"

#include <charconv>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "domain/utf8.h"

namespace ej::http {

using domain::Error;
using domain::ErrorCode;

namespace {

bool IsJsonContentType(std::string_view type) {
  size_t semi = type.find(';');
  std::string_view base = type.substr(0, semi);
  while (!base.empty() && base.back() == ' ') base.remove_suffix(1);
  if (base.size() != 16) return false;
  constexpr std::string_view kJson = "application/json";
  for (size_t i = 0; i < base.size(); ++i) {
    char c = base[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kJson[i]) return false;
  }
  return true;
}

}  // namespace

domain::Result<boost::json::object> ParseBody(const Request& request,
                                              std::initializer_list<std::string_view> allowed) {
  if (!IsJsonContentType(request.content_type)) return Error::Of(ErrorCode::kUnsupportedMediaType);
  if (!domain::IsValidUtf8(request.body)) return Error::Of(ErrorCode::kInvalidUtf8);
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::json::value value = boost::json::parse(request.body, ec, {}, options);
  if (ec) return Error::Of(ErrorCode::kMalformedJson);
  if (!value.is_object()) return Error::WithDetail(ErrorCode::kWrongType, "ожидается объект JSON");
  for (const auto& kv : value.as_object()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || kv.key() == name;
    if (!known) return Error::WithDetail(ErrorCode::kUnknownField, std::string(kv.key()));
  }
  return std::move(value.as_object());
}

domain::Result<std::optional<std::string>> OptionalString(const boost::json::object& body,
                                                          std::string_view field,
                                                          size_t max_chars) {
  const boost::json::value* v = body.if_contains(field);
  if (v == nullptr || v->is_null()) return std::optional<std::string>{};
  if (!v->is_string()) return Error::WithDetail(ErrorCode::kWrongType, field);
  std::string_view s = v->get_string();
  if (!domain::IsValidUtf8(s)) return Error::WithDetail(ErrorCode::kInvalidUtf8, field);
  if (domain::Utf8Length(s) > max_chars) {
    return Error::WithDetail(ErrorCode::kInvalidValue,
                             std::string(field) + " длиннее " + std::to_string(max_chars) + " символов");
  }
  if (s.find('\0') != std::string_view::npos) return Error::WithDetail(ErrorCode::kInvalidValue, field);
  return std::optional<std::string>(std::string(s));
}

domain::Result<std::string> RequiredString(const boost::json::object& body, std::string_view field,
                                           size_t max_chars) {
  auto v = OptionalString(body, field, max_chars);
  if (!v) return v.error();
  if (!v->has_value() || (*v)->empty()) return Error::WithDetail(ErrorCode::kMissingField, field);
  return std::move(**v);
}

domain::Result<int64_t> RequiredInt(const boost::json::object& body, std::string_view field) {
  const boost::json::value* v = body.if_contains(field);
  if (v == nullptr || v->is_null()) return Error::WithDetail(ErrorCode::kMissingField, field);
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    return static_cast<int64_t>(v->get_uint64());
  }
  return Error::WithDetail(ErrorCode::kWrongType, field);
}

domain::Result<std::optional<int64_t>> OptionalInt(const boost::json::object& body, std::string_view field) {
  const boost::json::value* v = body.if_contains(field);
  if (v == nullptr || v->is_null()) return std::optional<int64_t>{};
  auto value = RequiredInt(body, field);
  if (!value) return value.error();
  return std::optional<int64_t>{*value};
}

domain::Result<int64_t> ParseId(std::string_view text, std::string_view name) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return Error::WithDetail(ErrorCode::kInvalidValue, name);
  }
  return value;
}

Response JsonResponse(unsigned status, const boost::json::value& body) {
  Response res;
  res.status = status;
  res.body = boost::json::serialize(body);
  return res;
}

Response NoContent() {
  Response res;
  res.status = 204;
  res.content_type.clear();
  return res;
}

}  // namespace ej::http
