#include "http/worker_pool.h"

namespace ej::http {

WorkerPool::WorkerPool(size_t threads, size_t max_queue, const ConnectionFactory& open) : max_queue_(max_queue) {
  for (size_t i = 0; i < threads; ++i) connections_.push_back(open());
  for (auto& conn : connections_) {
    threads_.emplace_back([this, c = conn.get()] { Run(*c); });
  }
}

WorkerPool::~WorkerPool() { Stop(); }

bool WorkerPool::TrySubmit(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= max_queue_) return false;
    queue_.push_back(std::move(job));
  }
  cv_.notify_one();
  return true;
}

void WorkerPool::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void WorkerPool::Run(storage::Connection& conn) {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job(conn);  // jobs catch their own exceptions
  }
}

}  // namespace ej::http
