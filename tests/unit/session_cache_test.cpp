#include "service/common/session_cache.h"

#include <gtest/gtest.h>

namespace ej::service {
namespace {

std::shared_ptr<CachedSession> Session(int64_t id, int64_t user, int64_t now) {
  auto s = std::make_shared<CachedSession>();
  s->session_id = id;
  s->user_id = user;
  s->expires_at = now + 10000;
  s->validated_at = now;
  s->last_seen_at = now;
  return s;
}

TEST(SessionCacheTest, FreshStaleAndExpired) {
  SessionCache cache(/*idle_timeout=*/100, /*revalidate_after=*/5);
  cache.Put("a", Session(1, 7, 1000));
  EXPECT_EQ(cache.Find("a", 1004).status, SessionCache::Status::kFresh);
  EXPECT_EQ(cache.Find("a", 1005).status, SessionCache::Status::kMissingOrStale);
  EXPECT_EQ(cache.Find("a", 1104).status, SessionCache::Status::kExpired);  // last seen at 1004
  EXPECT_EQ(cache.Find("b", 1000).status, SessionCache::Status::kMissingOrStale);
}

TEST(SessionCacheTest, EraseUserKeepsTheCurrentSession) {
  SessionCache cache(100, 5);
  cache.Put("a", Session(1, 7, 1000));
  cache.Put("b", Session(2, 7, 1000));
  cache.Put("c", Session(3, 8, 1000));
  cache.EraseUser(7, /*keep_session_id=*/2);
  EXPECT_EQ(cache.Find("a", 1000).status, SessionCache::Status::kMissingOrStale);
  EXPECT_EQ(cache.Find("b", 1000).status, SessionCache::Status::kFresh);
  EXPECT_EQ(cache.Find("c", 1000).status, SessionCache::Status::kFresh);
}

TEST(SessionCacheTest, IdleEntriesAreSweptAsTheCacheGrows) {
  SessionCache cache(100, 5);
  for (int i = 0; i < 1000; ++i) cache.Put("old" + std::to_string(i), Session(i, i, 1000));
  for (int i = 0; i < 100; ++i) cache.Put("new" + std::to_string(i), Session(5000 + i, i, 2000));
  EXPECT_LE(cache.size(), 100u);
  EXPECT_EQ(cache.Find("new99", 2000).status, SessionCache::Status::kFresh);
}

}  // namespace
}  // namespace ej::service
