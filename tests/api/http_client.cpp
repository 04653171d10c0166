#include "api/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <stdexcept>

namespace ej::testing {
namespace {

int Connect(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
  return fd;
}

void WriteAll(int fd, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the server may close early (e.g. 413): read what it said
    sent += static_cast<size_t>(n);
  }
}

std::string ReadUntilClose(int fd, int timeout_ms) {
  std::string out;
  char buf[65536];
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int left = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
    if (left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, left) <= 0) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Request(const std::string& method, const std::string& target, const std::string& body,
                    const std::vector<std::pair<std::string, std::string>>& headers, bool close) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  bool has_type = false;
  for (const auto& [k, v] : headers) {
    req += k + ": " + v + "\r\n";
    has_type = has_type || Lower(k) == "content-type";
  }
  if (!body.empty() && !has_type) req += "Content-Type: application/json\r\n";
  if (!body.empty() || method == "POST") req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  if (close) req += "Connection: close\r\n";
  return req + "\r\n" + body;
}

}  // namespace

boost::json::value HttpResponse::Json() const { return boost::json::parse(body); }

std::string HttpResponse::ErrorCode() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return "";
  const auto* err = v.as_object().if_contains("error");
  if (!err || !err->is_object()) return "";
  const auto* code = err->as_object().if_contains("code");
  return code && code->is_string() ? std::string(code->get_string()) : "";
}

std::string HttpResponse::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

HttpResponse ParseResponse(const std::string& raw, size_t* consumed) {
  HttpResponse r;
  size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos || raw.compare(0, 9, "HTTP/1.1 ") != 0) return r;
  r.status = std::stoi(raw.substr(9, 3));
  size_t pos = raw.find("\r\n") + 2;
  while (pos < head_end) {
    size_t eol = raw.find("\r\n", pos);
    std::string line = raw.substr(pos, eol - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = Lower(line.substr(0, colon));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      auto& slot = r.headers[name];
      slot = slot.empty() ? value : slot + "\n" + value;
    }
    pos = eol + 2;
  }
  size_t body_start = head_end + 4;
  size_t length = raw.size() - body_start;
  if (auto it = r.headers.find("content-length"); it != r.headers.end()) length = std::stoul(it->second);
  r.body = raw.substr(body_start, length);
  if (consumed) *consumed = body_start + length;
  return r;
}

HttpResponse HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                              const std::vector<std::pair<std::string, std::string>>& headers) const {
  // A request's answer may take long on a loaded machine under the
  // sanitizers (a year's timetable resynced): the limit only stops a hang.
  constexpr int kAnswerWithinMs = 120000;
  return ParseResponse(SendRaw(Request(method, target, body, headers, true), kAnswerWithinMs));
}

std::string HttpClient::SendRaw(const std::string& bytes, int timeout_ms) const {
  int fd = Connect(port_);
  WriteAll(fd, bytes);
  std::string out = ReadUntilClose(fd, timeout_ms);
  close(fd);
  return out;
}

std::vector<HttpResponse> HttpClient::SendPipelined(const std::vector<std::string>& raw_requests) const {
  std::string all;
  for (const auto& r : raw_requests) all += r;
  std::string raw = SendRaw(all, 3000);
  std::vector<HttpResponse> out;
  while (!raw.empty()) {
    size_t used = 0;
    HttpResponse r = ParseResponse(raw, &used);
    if (r.status == 0 || used == 0) break;
    out.push_back(std::move(r));
    raw.erase(0, used);
  }
  return out;
}

std::string LoginBody(const std::string& login, const std::string& password) {
  return boost::json::serialize(boost::json::object{{"login", login}, {"password", password}});
}

ApiSession::ApiSession(const HttpClient& client, const std::string& login, const std::string& password)
    : client_(client) {
  login_response_ = client.Send("POST", "/api/v1/auth/login", LoginBody(login, password));
  if (login_response_.status != 200) return;
  std::string set_cookie = login_response_.Header("set-cookie");
  cookie_ = set_cookie.substr(0, set_cookie.find(';'));
  auto v = login_response_.Json();
  csrf_ = std::string(v.at("csrfToken").as_string());
  user_id_ = v.at("user").at("id").as_int64();
}

HttpResponse ApiSession::Get(const std::string& target) const {
  return client_.Send("GET", target, "", {{"Cookie", cookie_}});
}

HttpResponse ApiSession::Post(const std::string& target, const std::string& json_body) const {
  return PostWithCsrf(target, json_body, csrf_);
}

HttpResponse ApiSession::Put(const std::string& target, const std::string& json_body) const {
  return client_.Send("PUT", target, json_body, {{"Cookie", cookie_}, {"X-CSRF-Token", csrf_}});
}

HttpResponse ApiSession::Patch(const std::string& target, const std::string& json_body) const {
  return client_.Send("PATCH", target, json_body, {{"Cookie", cookie_}, {"X-CSRF-Token", csrf_}});
}

DemoSessions::DemoSessions(const HttpClient& client) {
  for (const char* login : kDemoLogins) sessions_[login] = std::make_unique<ApiSession>(client, login, "demo");
}

bool DemoSessions::ok() const {
  for (const auto& [login, session] : sessions_) {
    if (!session->ok()) return false;
  }
  return true;
}

HttpResponse ApiSession::PostWithCsrf(const std::string& target, const std::string& json_body,
                                      const std::optional<std::string>& csrf) const {
  std::vector<std::pair<std::string, std::string>> headers = {{"Cookie", cookie_}};
  if (csrf) headers.emplace_back("X-CSRF-Token", *csrf);
  return client_.Send("POST", target, json_body, headers);
}

}  // namespace ej::testing
