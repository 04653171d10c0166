#include "http/json_io.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

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

// The first field of `o` not in `allowed`, in the object's order.
std::optional<std::string_view> FirstUnknown(const boost::json::object& o,
                                             std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : o) {
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end()) return kv.key();
  }
  return std::nullopt;
}

}  // namespace

domain::Result<boost::json::object> ParseBody(const Request& request, std::initializer_list<std::string_view> allowed) {
  if (!IsJsonContentType(request.content_type)) return Error::Of(ErrorCode::kUnsupportedMediaType);
  if (!domain::IsValidUtf8(request.body)) return Error::Of(ErrorCode::kInvalidUtf8);
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::json::value value = boost::json::parse(request.body, ec, {}, options);
  if (ec) return Error::Of(ErrorCode::kMalformedJson);
  if (!value.is_object()) return Error::WithDetail(ErrorCode::kWrongType, "ожидается объект JSON");
  if (auto unknown = FirstUnknown(value.as_object(), allowed))
    return Error::WithDetail(ErrorCode::kUnknownField, *unknown);
  return std::move(value.as_object());
}

domain::Result<int64_t> ParseId(std::string_view text, std::string_view name) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return Error::WithDetail(ErrorCode::kInvalidValue, name);
  }
  return value;
}

namespace {

const boost::json::object kNoObject;
const boost::json::array kNoArray;

}  // namespace

RequestReader::RequestReader(const Request& request) : RequestReader(&request, nullptr, nullptr) {}

RequestReader::RequestReader(const Request* request, const boost::json::object* object, std::optional<Error>* shared)
    : request_(request), object_(object), shared_(shared) {}

RequestReader RequestReader::Of(const boost::json::object& object) { return RequestReader(nullptr, &object, nullptr); }

int64_t RequestReader::PathId(std::string_view name) {
  if (!ok()) return 0;
  auto id = ParseId(request_->PathParam(name), name);
  if (!id) Fail(id.error());
  return id ? *id : 0;
}

std::optional<int64_t> RequestReader::IdParam(std::string_view name) {
  if (!ok()) return std::nullopt;
  auto given = request_->QueryParam(name);
  if (!given) return std::nullopt;
  auto id = ParseId(*given, name);
  if (!id) Fail(id.error());
  return id ? std::optional<int64_t>(*id) : std::nullopt;
}

void RequestReader::Body(std::initializer_list<std::string_view> allowed) {
  if (!ok()) return;
  auto body = ParseBody(*request_, allowed);
  if (!body) return Fail(body.error());
  owned_ = std::move(*body);
}

RequestReader RequestReader::Item(const boost::json::value& value, std::string where, Naming naming) {
  std::optional<Error>* shared = shared_ ? shared_ : &error_;
  const bool is_object = Check(value.is_object(), ErrorCode::kWrongType, where);
  RequestReader item(request_, is_object ? &value.get_object() : &kNoObject, shared);
  if (naming == Naming::kPath) item.NameFieldsAs(where + ".");
  return item;
}

RequestReader RequestReader::Item(const boost::json::value& value, std::string where,
                                  std::initializer_list<std::string_view> allowed, Naming naming) {
  RequestReader item = Item(value, where, naming);
  if (auto unknown = FirstUnknown(item.object(), allowed)) {
    Fail(Error::WithDetail(ErrorCode::kUnknownField, where + "." + std::string(*unknown)));
  }
  return item;
}

void RequestReader::NameFieldsAs(std::string prefix) { path_prefix_ = std::move(prefix); }

void RequestReader::Fail(Error error) {
  if (ok()) first() = std::move(error);
}

bool RequestReader::Check(bool good, ErrorCode code, std::string_view detail) {
  if (!good) Fail(Error::WithDetail(code, detail));
  return good;
}

std::string RequestReader::Name(std::string_view field) const {
  return path_prefix_ ? *path_prefix_ + std::string(field) : std::string(field);
}

void RequestReader::FieldError(ErrorCode code, std::string_view field, std::string_view detail) {
  Fail(Error::WithDetail(code, path_prefix_ ? Name(field) : std::string(detail)));
}

bool RequestReader::Has(std::string_view field) const { return object().contains(field); }

const boost::json::value* RequestReader::Given(std::string_view field) const {
  if (!ok()) return nullptr;
  const boost::json::value* v = object().if_contains(field);
  return v == nullptr || v->is_null() ? nullptr : v;
}

std::optional<std::string> RequestReader::OptString(std::string_view field, size_t max_chars) {
  const boost::json::value* v = Given(field);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    FieldError(ErrorCode::kWrongType, field, field);
    return std::nullopt;
  }
  std::string_view s = v->get_string();
  if (!domain::IsValidUtf8(s)) {
    FieldError(ErrorCode::kInvalidUtf8, field, field);
    return std::nullopt;
  }
  if (domain::Utf8Length(s) > max_chars) {
    FieldError(ErrorCode::kInvalidValue, field,
               std::string(field) + " длиннее " + std::to_string(max_chars) + " символов");
    return std::nullopt;
  }
  if (s.find('\0') != std::string_view::npos) {
    FieldError(ErrorCode::kInvalidValue, field, field);
    return std::nullopt;
  }
  return std::string(s);
}

std::string RequestReader::String(std::string_view field, size_t max_chars) {
  auto v = OptString(field, max_chars);
  if (ok() && (!v || v->empty())) FieldError(ErrorCode::kMissingField, field, field);
  return v.value_or(std::string());
}

std::optional<int64_t> RequestReader::OptInt(std::string_view field) {
  const boost::json::value* v = Given(field);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    return static_cast<int64_t>(v->get_uint64());
  }
  FieldError(ErrorCode::kWrongType, field, field);
  return std::nullopt;
}

int64_t RequestReader::Int(std::string_view field) {
  if (ok() && Given(field) == nullptr) FieldError(ErrorCode::kMissingField, field, field);
  return OptInt(field).value_or(0);
}

int RequestReader::IntIn(std::string_view field, int64_t min, int64_t max, std::string_view detail) {
  const int64_t v = Int(field);
  if (!ok()) return 0;
  if (v < min || v > max) {
    Fail(Error::WithDetail(ErrorCode::kInvalidValue, detail.empty() ? Name(field) : std::string(detail)));
    return 0;
  }
  return static_cast<int>(v);
}

bool RequestReader::Bool(std::string_view field, bool fallback) {
  const boost::json::value* v = Given(field);
  if (v == nullptr) return fallback;
  if (!v->is_bool()) {
    FieldError(ErrorCode::kWrongType, field, field);
    return fallback;
  }
  return v->get_bool();
}

double RequestReader::Number(std::string_view field) {
  if (!ok()) return 0;
  const boost::json::value* v = object().if_contains(field);
  if (v == nullptr) {
    FieldError(ErrorCode::kMissingField, field, field);
    return 0;
  }
  if (!v->is_number()) {
    FieldError(ErrorCode::kWrongType, field, field);
    return 0;
  }
  return v->to_number<double>();
}

std::optional<double> RequestReader::OptNumber(std::string_view field) {
  if (Given(field) == nullptr) return std::nullopt;
  return Number(field);
}

const boost::json::array& RequestReader::Array(std::string_view field, size_t max_items) {
  if (!ok()) return kNoArray;
  const boost::json::value* v = object().if_contains(field);
  if (v == nullptr) {
    FieldError(ErrorCode::kMissingField, field, field);
    return kNoArray;
  }
  if (!v->is_array()) {
    FieldError(ErrorCode::kWrongType, field, field);
    return kNoArray;
  }
  if (v->get_array().size() > max_items) {
    FieldError(ErrorCode::kInvalidValue, field, field);
    return kNoArray;
  }
  return v->get_array();
}

const boost::json::array& RequestReader::OptArray(std::string_view field) {
  if (Given(field) == nullptr) return kNoArray;
  return Array(field);
}

std::vector<int64_t> RequestReader::Ints(const boost::json::array& items, std::string_view field) {
  std::vector<int64_t> out;
  for (const auto& v : items) {
    if (!ok()) break;
    if (!v.is_int64()) {
      FieldError(ErrorCode::kWrongType, field, field);
      break;
    }
    out.push_back(v.get_int64());
  }
  return ok() ? out : std::vector<int64_t>{};
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
