#include "http/json_io.h"

#include <gtest/gtest.h>

namespace ej::http {
namespace {

using domain::ErrorCode;

Request Json(std::string body, std::string type = "application/json") {
  Request r;
  r.method = Method::kPost;
  r.body = std::move(body);
  r.content_type = std::move(type);
  return r;
}

TEST(JsonIoTest, BodyChecks) {
  static const struct {
    const char* body;
    const char* type;
    std::optional<ErrorCode> error;
  } kCases[] = {
      {R"({"login":"a"})", "application/json", std::nullopt},
      {R"({"login":"a"})", "Application/JSON; charset=utf-8", std::nullopt},
      {R"({"login":"a"})", "text/plain", ErrorCode::kUnsupportedMediaType},
      {R"({"login":"a"})", "", ErrorCode::kUnsupportedMediaType},
      {R"({"login":)", "application/json", ErrorCode::kMalformedJson},
      {"", "application/json", ErrorCode::kMalformedJson},
      {R"([1,2])", "application/json", ErrorCode::kWrongType},
      {R"({"login":"a","admin":true})", "application/json", ErrorCode::kUnknownField},
      {"{\"login\":\"\xFF\"}", "application/json", ErrorCode::kInvalidUtf8},
  };
  for (const auto& c : kCases) {
    auto r = ParseBody(Json(c.body, c.type), {"login", "password"});
    if (c.error) {
      ASSERT_FALSE(r.ok()) << c.body;
      EXPECT_EQ(r.error().code, *c.error) << c.body;
    } else {
      EXPECT_TRUE(r.ok()) << c.body;
    }
  }
}

TEST(JsonIoTest, DeepNestingIsMalformed) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  auto r = ParseBody(Json(R"({"login":)" + deep + "}"), {"login"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kMalformedJson);
}

TEST(JsonIoTest, FieldReaders) {
  auto body = ParseBody(Json(R"({"a":"x","n":5,"s":7,"e":"","z":null})"), {"a", "n", "s", "e", "z"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*RequiredString(*body, "a"), "x");
  EXPECT_EQ(RequiredString(*body, "s").error().code, ErrorCode::kWrongType);
  EXPECT_EQ(RequiredString(*body, "e").error().code, ErrorCode::kMissingField);
  EXPECT_EQ(RequiredString(*body, "missing").error().code, ErrorCode::kMissingField);
  EXPECT_FALSE(OptionalString(*body, "z")->has_value());
  EXPECT_EQ(*RequiredInt(*body, "n"), 5);
  EXPECT_EQ(RequiredInt(*body, "a").error().code, ErrorCode::kWrongType);
  auto long_body = ParseBody(Json(R"({"a":"абв"})"), {"a"});
  EXPECT_TRUE(RequiredString(*long_body, "a", 3).ok());
  EXPECT_EQ(RequiredString(*long_body, "a", 2).error().code, ErrorCode::kInvalidValue);
}

TEST(JsonIoTest, Ids) {
  EXPECT_EQ(*ParseId("42", "id"), 42);
  for (const char* bad : {"", "0", "-1", "1x", "9999999999999999999999", " 1", "1;DROP"}) {
    EXPECT_FALSE(ParseId(bad, "id").ok()) << bad;
  }
}

}  // namespace
}  // namespace ej::http
