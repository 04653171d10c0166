// A minimal HTTP/1.1 client over POSIX sockets for the black-box API tests.
// Deliberately not Beast: the tests must be able to send anything,
// including malformed requests, and must not share the server's code.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ej::testing {

struct HttpResponse {
  int status = 0;                              // 0: the connection closed without a response
  std::map<std::string, std::string> headers;  // lowercase names; repeated ones joined by "\n"
  std::string body;

  boost::json::value Json() const;
  // error.code of an error body, or "" if there is none.
  std::string ErrorCode() const;
  std::string Header(const std::string& lowercase_name) const;
};

class HttpClient {
 public:
  explicit HttpClient(uint16_t port) : port_(port) {}

  // One request on a fresh connection ("Connection: close").
  HttpResponse Send(const std::string& method, const std::string& target, const std::string& body = "",
                    const std::vector<std::pair<std::string, std::string>>& headers = {}) const;
  // Raw bytes out, everything the server sends until it closes (or the
  // timeout passes) back.
  std::string SendRaw(const std::string& bytes, int timeout_ms = 5000) const;
  // Several requests written on one keep-alive connection, responses in order.
  std::vector<HttpResponse> SendPipelined(const std::vector<std::string>& raw_requests) const;

  uint16_t port() const { return port_; }

 private:
  uint16_t port_;
};

HttpResponse ParseResponse(const std::string& raw, size_t* consumed = nullptr);

// A logged-in user: the session cookie and CSRF token kept for later requests.
class ApiSession {
 public:
  ApiSession(const HttpClient& client, const std::string& login, const std::string& password);
  bool ok() const { return login_response_.status == 200; }
  const HttpResponse& login_response() const { return login_response_; }
  int64_t user_id() const { return user_id_; }

  HttpResponse Get(const std::string& target) const;
  HttpResponse Post(const std::string& target, const std::string& json_body) const;
  HttpResponse Put(const std::string& target, const std::string& json_body) const;
  HttpResponse Patch(const std::string& target, const std::string& json_body) const;
  // Without the CSRF header, or with a wrong one.
  HttpResponse PostWithCsrf(const std::string& target, const std::string& json_body,
                            const std::optional<std::string>& csrf) const;
  const std::string& cookie() const { return cookie_; }
  const std::string& csrf() const { return csrf_; }

 private:
  const HttpClient& client_;
  HttpResponse login_response_;
  std::string cookie_;
  std::string csrf_;
  int64_t user_id_ = 0;
};

// The fixed demo logins, in the order the rights tables of the tests use.
inline constexpr const char* kDemoLogins[] = {"admin",        "director", "deputy", "teacher",
                                              "classteacher", "student",  "parent", "secretary"};

// A logged-in session for every demo login (password "demo").
class DemoSessions {
 public:
  explicit DemoSessions(const HttpClient& client);
  bool ok() const;
  ApiSession& operator[](const std::string& login) { return *sessions_.at(login); }

 private:
  std::map<std::string, std::unique_ptr<ApiSession>> sessions_;
};

// {"login": ..., "password": ...} with proper JSON escaping.
std::string LoginBody(const std::string& login, const std::string& password);

}  // namespace ej::testing
