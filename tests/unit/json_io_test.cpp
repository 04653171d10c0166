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

// Runs `read` on a reader of `body` and says what came out: the value as
// text, or "error: <message>".
template <typename Read>
std::string Outcome(const char* body, Read read) {
  const Request request = Json(body);
  RequestReader in(request);
  in.Body({"a", "n", "b", "x", "l", "o"});
  std::string value = read(in);
  return in.ok() ? value : "error: " + in.error().message;
}

using R = RequestReader;

// A body, what is read of it, and what that gives: the value as text, or
// "error: <the first error's message>".
struct ReadCase {
  const char* body;
  std::string (*read)(R&);
  const char* expected;
};

std::string Text(const std::optional<std::string>& v) { return v ? "\"" + *v + "\"" : "none"; }
std::string Text(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "none"; }

TEST(RequestReaderTest, FieldReaders) {
  static const ReadCase kCases[] = {
      // Strings: required, optional, too long (code points), wrong type, null, "".
      {R"({"a":"x"})", [](R& r) { return r.String("a"); }, "x"},
      {R"({"a":"абв"})", [](R& r) { return r.String("a", 3); }, "абв"},
      {R"({"a":"абв"})", [](R& r) { return r.String("a", 2); }, "error: Недопустимое значение: a длиннее 2 символов"},
      {R"({"a":7})", [](R& r) { return r.String("a"); }, "error: Неверный тип значения поля: a"},
      {R"({})", [](R& r) { return r.String("a"); }, "error: Не заполнено обязательное поле: a"},
      {R"({"a":null})", [](R& r) { return r.String("a"); }, "error: Не заполнено обязательное поле: a"},
      {R"({"a":""})", [](R& r) { return r.String("a"); }, "error: Не заполнено обязательное поле: a"},
      {R"({"a":"x\u0000y"})", [](R& r) { return r.String("a"); }, "error: Недопустимое значение: a"},
      {R"({"a":null})", [](R& r) { return Text(r.OptString("a")); }, "none"},
      {R"({})", [](R& r) { return Text(r.OptString("a")); }, "none"},
      {R"({"a":""})", [](R& r) { return Text(r.OptString("a")); }, "\"\""},
      {R"({"a":[]})", [](R& r) { return Text(r.OptString("a")); }, "error: Неверный тип значения поля: a"},
      // Whole numbers: int64 only, null for optional, ranges.
      {R"({"n":5})", [](R& r) { return std::to_string(r.Int("n")); }, "5"},
      {R"({"n":5.5})", [](R& r) { return std::to_string(r.Int("n")); }, "error: Неверный тип значения поля: n"},
      {R"({"n":"5"})", [](R& r) { return std::to_string(r.Int("n")); }, "error: Неверный тип значения поля: n"},
      {R"({"n":18446744073709551615})", [](R& r) { return std::to_string(r.Int("n")); },
       "error: Неверный тип значения поля: n"},
      {R"({"n":null})", [](R& r) { return std::to_string(r.Int("n")); }, "error: Не заполнено обязательное поле: n"},
      {R"({"n":null})", [](R& r) { return Text(r.OptInt("n")); }, "none"},
      {R"({"n":true})", [](R& r) { return Text(r.OptInt("n")); }, "error: Неверный тип значения поля: n"},
      {R"({"n":12})", [](R& r) { return std::to_string(r.IntIn("n", 0, 12)); }, "12"},
      {R"({"n":13})", [](R& r) { return std::to_string(r.IntIn("n", 0, 12)); }, "error: Недопустимое значение: n"},
      {R"({"n":-1})", [](R& r) { return std::to_string(r.IntIn("n", 0, 12, "n (0..12)")); },
       "error: Недопустимое значение: n (0..12)"},
      // Booleans, numbers, arrays.
      {R"({"b":true})", [](R& r) { return std::string(r.Bool("b", false) ? "true" : "false"); }, "true"},
      {R"({"b":null})", [](R& r) { return std::string(r.Bool("b", true) ? "true" : "false"); }, "true"},
      {R"({"b":1})", [](R& r) { return std::string(r.Bool("b", false) ? "true" : "false"); },
       "error: Неверный тип значения поля: b"},
      {R"({"x":1.5})", [](R& r) { return std::to_string(r.Number("x")); }, "1.500000"},
      {R"({"x":null})", [](R& r) { return std::to_string(r.Number("x")); }, "error: Неверный тип значения поля: x"},
      {R"({})", [](R& r) { return std::to_string(r.Number("x")); }, "error: Не заполнено обязательное поле: x"},
      {R"({"x":null})", [](R& r) { return std::to_string(r.OptNumber("x").value_or(-1)); }, "-1.000000"},
      {R"({"l":[1,2]})", [](R& r) { return std::to_string(r.Ints(r.Array("l"), "l").size()); }, "2"},
      {R"({"l":[1,2,3]})", [](R& r) { return std::to_string(r.Array("l", 2).size()); },
       "error: Недопустимое значение: l"},
      {R"({"l":[1,"2"]})", [](R& r) { return std::to_string(r.Ints(r.Array("l"), "l").size()); },
       "error: Неверный тип значения поля: l"},
      {R"({"l":null})", [](R& r) { return std::to_string(r.Array("l").size()); },
       "error: Неверный тип значения поля: l"},
      {R"({})", [](R& r) { return std::to_string(r.Array("l").size()); }, "error: Не заполнено обязательное поле: l"},
      {R"({"l":null})", [](R& r) { return std::to_string(r.OptArray("l").size()); }, "0"},
      {R"({"l":{}})", [](R& r) { return std::to_string(r.OptArray("l").size()); },
       "error: Неверный тип значения поля: l"},
      // The first error wins: later reads neither fail nor replace it.
      {R"({"n":"x","a":5})",
       [](R& r) {
         std::string a = r.String("a");
         return a + std::to_string(r.Int("n"));
       },
       "error: Неверный тип значения поля: a"},
      {R"({"a":5})",
       [](R& r) {
         std::string n = std::to_string(r.Int("n"));
         return n + r.String("a");
       },
       "error: Не заполнено обязательное поле: n"},
      {R"({"n":99,"a":"x"})",
       [](R& r) {
         r.Check(r.Int("n") < 10, domain::ErrorCode::kInvalidValue, "n < 10");
         return r.String("a", 0);
       },
       "error: Недопустимое значение: n < 10"},
  };
  for (const auto& c : kCases) EXPECT_EQ(Outcome(c.body, c.read), c.expected) << c.body;
}

TEST(RequestReaderTest, ItemsNameTheirPath) {
  static const ReadCase kCases[] = {
      {R"({"l":[{"n":1}]})", [](R& r) { return std::to_string(r.Item(r.Array("l")[0], "l[0]", {"n"}).Int("n")); }, "1"},
      {R"({"l":[5]})", [](R& r) { return std::to_string(r.Item(r.Array("l")[0], "l[0]", {"n"}).Int("n")); },
       "error: Неверный тип значения поля: l[0]"},
      {R"({"l":[{"n":1,"m":2}]})", [](R& r) { return std::to_string(r.Item(r.Array("l")[0], "l[0]", {"n"}).Int("n")); },
       "error: Неизвестное поле: l[0].m"},
      {R"({"l":[{"n":"1"}]})", [](R& r) { return std::to_string(r.Item(r.Array("l")[0], "l[0]", {"n"}).Int("n")); },
       "error: Неверный тип значения поля: l[0].n"},
      // By path, a too long string is named by its path alone.
      {R"({"l":[{"n":"abc"}]})", [](R& r) { return r.Item(r.Array("l")[0], "l[0]", {"n"}).String("n", 2); },
       "error: Недопустимое значение: l[0].n"},
      {R"({"l":[{"n":"abc"}]})",
       [](R& r) { return r.Item(r.Array("l")[0], "l[0]", {"n"}, R::Naming::kField).String("n", 2); },
       "error: Недопустимое значение: n длиннее 2 символов"},
      // The item's error is the outer reader's: reading on after it changes nothing.
      {R"({"l":[{}],"a":5})",
       [](R& r) {
         std::string s = r.Item(r.Array("l")[0], "l[0]", {"n"}).String("n");
         return s + r.String("a");
       },
       "error: Не заполнено обязательное поле: l[0].n"},
      // Each reads the items in order, naming each by its index, and stops at the first error.
      {R"({"l":[{"n":1},{"n":2},{"n":"x"},{"n":"y"}]})",
       [](R& r) {
         auto read = [](R& in, const boost::json::value& v, const std::string& where) {
           return in.Item(v, where, {"n"}).Int("n");
         };
         return std::to_string(r.Each(r.Array("l"), "l", read).size());
       },
       "error: Неверный тип значения поля: l[2].n"},
      {R"({"l":[{"n":1},{"n":2}]})",
       [](R& r) {
         auto read = [](R& in, const boost::json::value& v, const std::string& where) {
           return in.Item(v, where, {"n"}).Int("n");
         };
         auto ns = r.Each(r.Array("l"), "l", read);
         return std::to_string(ns.at(0)) + std::to_string(ns.at(1));
       },
       "12"},
      // Fields named by a prefix: the detail is the name alone.
      {R"({"a":"abc"})",
       [](R& r) {
         r.NameFieldsAs("x.");
         return r.String("a", 2);
       },
       "error: Недопустимое значение: x.a"},
  };
  for (const auto& c : kCases) EXPECT_EQ(Outcome(c.body, c.read), c.expected) << c.body;
}

TEST(RequestReaderTest, OfReadsAnObjectOnItsOwn) {
  const boost::json::object o{{"n", 5}};
  RequestReader part = RequestReader::Of(o);
  EXPECT_EQ(part.Int("n"), 5);
  EXPECT_EQ(part.String("s"), "");
  ASSERT_FALSE(part.ok());
  EXPECT_EQ(part.error().message, "Не заполнено обязательное поле: s");
}

TEST(RequestReaderTest, PathAndQueryComeBeforeTheBody) {
  Request r = Json("not json");
  r.path_params = {{"id", "x"}};
  RequestReader in(r);
  EXPECT_EQ(in.PathId(), 0);
  in.Body({"a"});
  EXPECT_EQ(in.String("a"), "");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.error().message, "Недопустимое значение: id");

  Request q = Json(R"({"a":"x"})");
  q.path_params = {{"id", "7"}};
  q.query = "classId=12&groupId=0";
  RequestReader in2(q);
  EXPECT_EQ(in2.PathId(), 7);
  EXPECT_EQ(in2.IdParam("classId"), 12);
  EXPECT_EQ(in2.IdParam("roomId"), std::nullopt);
  EXPECT_TRUE(in2.ok());
  EXPECT_EQ(in2.IdParam("groupId"), std::nullopt);
  ASSERT_FALSE(in2.ok());
  EXPECT_EQ(in2.error().message, "Недопустимое значение: groupId");
}

TEST(RequestReaderTest, BodyErrorsAsParseBody) {
  const Request request = Json(R"({"login":"a","admin":true})");
  RequestReader in(request);
  in.Body({"login"});
  EXPECT_EQ(in.String("login"), "");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.error().code, ErrorCode::kUnknownField);
  EXPECT_EQ(in.error().message, "Неизвестное поле: admin");
}

TEST(JsonIoTest, Ids) {
  EXPECT_EQ(*ParseId("42", "id"), 42);
  for (const char* bad : {"", "0", "-1", "1x", "9999999999999999999999", " 1", "1;DROP"}) {
    EXPECT_FALSE(ParseId(bad, "id").ok()) << bad;
  }
}

}  // namespace
}  // namespace ej::http
