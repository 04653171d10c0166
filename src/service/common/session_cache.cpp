#include "service/common/session_cache.h"

#include <algorithm>
#include <mutex>

namespace ej::service {

SessionCache::Hit SessionCache::Find(const std::string& token_hash, int64_t now) const {
  std::shared_ptr<CachedSession> s;
  {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(token_hash);
    if (it == entries_.end()) return {Status::kMissingOrStale, nullptr};
    s = it->second;
  }
  if (now >= s->expires_at || now - s->last_seen_at.load() >= idle_timeout_) {
    return {Status::kExpired, nullptr};
  }
  if (now - s->validated_at >= revalidate_after_) return {Status::kMissingOrStale, nullptr};
  int64_t seen = s->last_seen_at.load();
  while (seen < now && !s->last_seen_at.compare_exchange_weak(seen, now)) {
  }
  return {Status::kFresh, std::move(s)};
}

void SessionCache::Put(const std::string& token_hash, std::shared_ptr<CachedSession> session) {
  std::unique_lock lock(mutex_);
  const int64_t now = session->validated_at;
  entries_[token_hash] = std::move(session);
  if (entries_.size() < sweep_at_) return;
  std::erase_if(entries_, [&](const auto& kv) { return now - kv.second->last_seen_at.load() >= idle_timeout_; });
  sweep_at_ = std::max(kMinSweepSize, 2 * entries_.size());
}

void SessionCache::Erase(const std::string& token_hash) {
  std::unique_lock lock(mutex_);
  entries_.erase(token_hash);
}

void SessionCache::EraseUser(int64_t user_id, int64_t keep_session_id) {
  std::unique_lock lock(mutex_);
  std::erase_if(entries_, [&](const auto& kv) {
    return kv.second->user_id == user_id && kv.second->session_id != keep_session_id;
  });
}

size_t SessionCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

}  // namespace ej::service
