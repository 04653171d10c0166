// The server itself: health, static files, keep-alive, protocol garbage,
// graceful shutdown, schema checks at start.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "api/http_client.h"
#include "api/test_server.h"

namespace ej::testing {
namespace {

namespace fs = std::filesystem;

std::string GetRequest(const std::string& target) { return "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n"; }

TEST(ServerApiTest, HealthAndKeepAlive) {
  TestServer server({});
  HttpClient client(server.port());
  auto health = client.Send("GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.Json().at("status").as_string(), "ok");
  EXPECT_EQ(health.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(health.Header("cache-control"), "no-store");
  // Three requests on one connection, answered in order.
  auto responses = client.SendPipelined({GetRequest("/healthz"), GetRequest("/api/v1/me"),
                                         "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"});
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[1].status, 401);
  EXPECT_EQ(responses[2].status, 200);
  auto head = client.Send("HEAD", "/healthz");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
}

TEST(ServerApiTest, ProtocolGarbageClosesTheConnectionNotTheServer) {
  TestServer server({});
  HttpClient client(server.port());
  for (const std::string& garbage :
       {std::string("NOT HTTP AT ALL\r\n\r\n"), std::string("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"),
        std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),  // a TLS hello
        "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n"}) {
    std::string reply = client.SendRaw(garbage, 3000);
    if (!reply.empty()) {
      auto r = ParseResponse(reply);
      EXPECT_GE(r.status, 400) << garbage.substr(0, 40);
      EXPECT_LT(r.status, 500) << garbage.substr(0, 40);
    }
    EXPECT_EQ(client.Send("GET", "/healthz").status, 200) << "after " << garbage.substr(0, 40);
  }
  EXPECT_TRUE(server.Running());
}

TEST(ServerApiTest, ServesTheWebFrontEndWithTypesAndCacheHeaders) {
  // A web root shaped like Vite's output, written where the server looks.
  TestServer::Options o;
  std::string web = (fs::temp_directory_path() / ("ej_web_" + std::to_string(getpid()))).string();
  fs::create_directories(web + "/assets");
  std::ofstream(web + "/index.html") << "<!doctype html><title>Электронный журнал</title>";
  std::ofstream(web + "/assets/app-abc123.js") << "console.log(1)";
  std::ofstream(web + "/assets/app-abc123.css") << "body{}";
  o.web_root = web;
  TestServer server(o);
  HttpClient client(server.port());
  auto index = client.Send("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  EXPECT_NE(index.Header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_NE(index.body.find("Электронный журнал"), std::string::npos);
  auto js = client.Send("GET", "/assets/app-abc123.js");
  EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(client.Send("GET", "/assets/app-abc123.css").Header("content-type"), "text/css; charset=utf-8");
  // A page of the app after a reload gets index.html; a missing asset is a 404.
  EXPECT_NE(client.Send("GET", "/journal/7b").body.find("Электронный журнал"), std::string::npos);
  EXPECT_EQ(client.Send("GET", "/assets/missing.js").status, 404);
  // No way out of the web root.
  for (const char* t : {"/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/../../etc/passwd"}) {
    auto r = client.Send("GET", t);
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << t;
  }
  // Revalidation by ETag.
  auto again = client.Send("GET", "/", "", {{"If-None-Match", index.Header("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(client.Send("POST", "/", "{}").status, 405);
  fs::remove_all(web);
}

TEST(ServerApiTest, GracefulShutdownFinishesRequestsInFlight) {
  for (int signal : {SIGTERM, SIGINT}) {
    TestServer server({});
    HttpClient client(server.port());
    // A login takes a while (argon2id): send several, then the signal.
    std::vector<std::future<HttpResponse>> inflight;
    for (int i = 0; i < 4; ++i) {
      inflight.push_back(std::async(
          std::launch::async, [&] { return client.Send("POST", "/api/v1/auth/login", LoginBody("teacher", "demo")); }));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    int status = server.StopWith(signal);
    EXPECT_EQ(status, 0) << "signal " << signal << "\n" << server.Output();
    for (auto& f : inflight) {
      auto r = f.get();
      // Accepted before the signal: answered. Later ones: refused connection (status 0).
      EXPECT_TRUE(r.status == 200 || r.status == 0) << r.status << " " << r.body;
    }
    EXPECT_NE(server.Output().find("shutting down"), std::string::npos);
  }
}

TEST(ServerApiTest, RefusesADatabaseNewerThanTheBinary) {
  std::string dir = (fs::temp_directory_path() / ("ej_newer_" + std::to_string(getpid()))).string();
  fs::create_directories(dir);
  std::string url = "sqlite:" + dir + "/db.sqlite";
  std::string out;
  ASSERT_EQ(RunEjournal({"migrate", "--database", url}, out), 0) << out;
  {
    auto db = storage::Open(*storage::ParseDatabaseUrl(url));
    db->Query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)");
  }
  EXPECT_NE(RunEjournal({"serve", "--database", url, "--listen", "127.0.0.1:0"}, out), 0);
  EXPECT_NE(out.find("newer than this ejournal binary"), std::string::npos) << out;
  fs::remove_all(dir);
}

TEST(ServerApiTest, BadConfigurationIsReportedClearly) {
  std::string out;
  EXPECT_NE(RunEjournal({"serve", "--database", "mysql://x"}, out), 0);
  EXPECT_NE(out.find("database"), std::string::npos) << out;
  EXPECT_NE(RunEjournal({"serve", "--database", "sqlite:/tmp/ej-x.db", "--listen", "nonsense"}, out), 0);
  EXPECT_NE(out.find("listen"), std::string::npos) << out;
  TestServer busy({});
  EXPECT_NE(
      RunEjournal({"serve", "--database", busy.database_url(), "--listen", "127.0.0.1:" + std::to_string(busy.port())},
                  out),
      0);
  EXPECT_NE(out.find("cannot listen"), std::string::npos) << out;
}

}  // namespace
}  // namespace ej::testing
