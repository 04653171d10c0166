#include "http/session_cookie.h"

#include <gtest/gtest.h>

namespace ej::http {
namespace {

TEST(SessionCookieTest, Attributes) {
  std::string c = SessionCookie("tok", 3600, false);
  EXPECT_EQ(c, "ej_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600");
  EXPECT_TRUE(SessionCookie("tok", 3600, true).ends_with("; Secure"));
}

TEST(SessionCookieTest, Parsing) {
  EXPECT_EQ(SessionTokenFromCookies("ej_session=abc"), "abc");
  EXPECT_EQ(SessionTokenFromCookies("theme=dark; ej_session=abc; x=y"), "abc");
  EXPECT_EQ(SessionTokenFromCookies("ej_session_old=zzz; ej_session=abc"), "abc");
  EXPECT_EQ(SessionTokenFromCookies("theme=dark"), "");
  EXPECT_EQ(SessionTokenFromCookies(""), "");
}

}  // namespace
}  // namespace ej::http
