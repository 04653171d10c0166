// A bounded pool of worker threads, each with its own database connection.
// Blocking work (SQL, password hashing) runs here, never on io threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/database.h"

namespace ej::http {

class WorkerPool {
 public:
  using Job = std::function<void(storage::Connection&)>;
  using ConnectionFactory = std::function<std::unique_ptr<storage::Connection>()>;

  // Opens `threads` connections up front (so a bad database URL fails at
  // start, not at the first request). `max_queue` jobs may wait.
  WorkerPool(size_t threads, size_t max_queue, const ConnectionFactory& open);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False if the queue is full or the pool is stopping: the caller answers 503.
  bool TrySubmit(Job job);
  // Finishes the queued jobs, then joins the threads.
  void Stop();

 private:
  void Run(storage::Connection& conn);

  size_t max_queue_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<storage::Connection>> connections_;
  std::vector<std::thread> threads_;
};

}  // namespace ej::http
