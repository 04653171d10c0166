// JSON request bodies and responses. Every body is checked the same way:
// application/json, valid UTF-8, well-formed, an object, no unknown fields;
// field readers then check types and report the field by name.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "http/types.h"

namespace ej::http {

domain::Result<boost::json::object> ParseBody(const Request& request, std::initializer_list<std::string_view> allowed);

// A whole-number path or query parameter (positive ids).
domain::Result<int64_t> ParseId(std::string_view text, std::string_view name);

// Reads a request's inputs in the order a handler asks for them (path and
// query parameters, the body, its fields, the objects inside it) and keeps the
// first error, so that a handler checks once, after reading:
//
//   RequestReader in(ctx.request);
//   const int64_t id = in.PathId();
//   in.Body({"reason"});
//   const std::string reason = in.String("reason", 500);
//   if (!in.ok()) return ErrorResponse(in.error());
//
// A reader that fails returns a default (0, "", nullopt, an empty array) and
// keeps its error; after an error nothing more is read or checked, so the
// error returned is the one of the first bad input in reading order. Errors:
// a field absent (or null, or "" for a string) is missing_field; a value of
// another JSON type is wrong_type; a string longer than `max_chars` code
// points, or holding NUL, is invalid_value.
class RequestReader {
 public:
  // How errors name a field: kField by the field alone, with the reader's
  // detail ("name длиннее 100 символов"); kPath by its path in the body
  // ("periods[2].name") and nothing else, whatever the problem.
  enum class Naming { kField, kPath };

  // Reads `request`, which must outlive the reader.
  explicit RequestReader(const Request& request);
  RequestReader(const Request&& request) = delete;
  // A reader of an object that is not a request's body (a test's, a part's).
  static RequestReader Of(const boost::json::object& object);

  // The {name} path parameter: a positive id.
  int64_t PathId(std::string_view name = "id");
  // The query parameter ?name=: a positive id, or nullopt when absent.
  std::optional<int64_t> IdParam(std::string_view name);

  // Parses the body as ParseBody does; the field readers read it. After an
  // earlier error the body is not looked at.
  void Body(std::initializer_list<std::string_view> allowed);

  // A reader of one object inside this one (an item of an array): not an
  // object is wrong_type naming `where`; a field not in `allowed` is
  // unknown_field naming `where.field`. It shares this reader's first error.
  RequestReader Item(const boost::json::value& value, std::string where,
                     std::initializer_list<std::string_view> allowed, Naming naming = Naming::kPath);
  // The same, with no check of the fields.
  RequestReader Item(const boost::json::value& value, std::string where, Naming naming = Naming::kPath);
  // `read(*this, item, "name[i]")` of each item of `items`, in order, until an error.
  template <typename Read>
  auto Each(const boost::json::array& items, std::string_view name, Read&& read) {
    std::vector<decltype(read(*this, items[0], std::string()))> out;
    for (size_t i = 0; i < items.size() && ok(); ++i) {
      out.push_back(read(*this, items[i], std::string(name) + "[" + std::to_string(i) + "]"));
    }
    return out;
  }
  // From now on errors name a field as `prefix` + the field, and nothing else.
  void NameFieldsAs(std::string prefix);

  // A string, required: absent, null or "" is missing.
  std::string String(std::string_view field, size_t max_chars = 1000);
  // A string that may be absent or null (nullopt); "" stays "".
  std::optional<std::string> OptString(std::string_view field, size_t max_chars = 1000);
  // A whole number, required.
  int64_t Int(std::string_view field);
  // A whole number that may be absent or null.
  std::optional<int64_t> OptInt(std::string_view field);
  // A whole number, required, in [min, max]; out of range is invalid_value
  // with `detail` (by default the field, named as the reader names fields).
  int IntIn(std::string_view field, int64_t min, int64_t max, std::string_view detail = {});
  // true or false; absent or null is `fallback`.
  bool Bool(std::string_view field, bool fallback);
  // Any JSON number, required: absent is missing, null or not a number wrong_type.
  double Number(std::string_view field);
  // Any JSON number; absent or null is nullopt.
  std::optional<double> OptNumber(std::string_view field);
  // An array, required: absent is missing, null or not an array wrong_type;
  // more than `max_items` is invalid_value.
  const boost::json::array& Array(std::string_view field, size_t max_items = std::numeric_limits<size_t>::max());
  // An array; absent or null is empty.
  const boost::json::array& OptArray(std::string_view field);
  // The items of `items`, each a whole number in int64; else wrong_type naming `field`.
  std::vector<int64_t> Ints(const boost::json::array& items, std::string_view field);

  // Whether the field is given, even as null.
  bool Has(std::string_view field) const;
  const boost::json::object& object() const { return object_ ? *object_ : owned_; }

  // Keeps `error` unless an earlier one is kept: for rules beyond a field's type.
  void Fail(domain::Error error);
  // Fail(code: detail) unless `good`; returns `good`.
  bool Check(bool good, domain::ErrorCode code, std::string_view detail);

  bool ok() const { return !first().has_value(); }
  // The first error; only when !ok().
  const domain::Error& error() const { return *first(); }

 private:
  RequestReader(const Request* request, const boost::json::object* object, std::optional<domain::Error>* shared);

  std::optional<domain::Error>& first() { return shared_ ? *shared_ : error_; }
  const std::optional<domain::Error>& first() const { return shared_ ? *shared_ : error_; }
  // `field` failed with `code`; `detail` is the detail when fields are named by field.
  void FieldError(domain::ErrorCode code, std::string_view field, std::string_view detail);
  std::string Name(std::string_view field) const;
  // The field's value if given and not null (nullptr after an error too).
  const boost::json::value* Given(std::string_view field) const;

  const Request* request_ = nullptr;
  boost::json::object owned_;                       // the parsed body
  const boost::json::object* object_ = nullptr;     // else what is read
  std::optional<domain::Error> error_;              // the first error, for a reader of its own
  std::optional<domain::Error>* shared_ = nullptr;  // else the outer reader's
  std::optional<std::string> path_prefix_;          // set: Naming::kPath
};

Response JsonResponse(unsigned status, const boost::json::value& body);
Response NoContent();

}  // namespace ej::http
