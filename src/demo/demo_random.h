// The demo's dice: splitmix64, a tiny PRNG whose sequence is the same on
// every platform (std::uniform_int_distribution is not), so the same seed
// makes the same school.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace ej::service::demo {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  bool Chance(int percent) { return Below(100) < percent; }
  bool Permille(int permille) { return Below(1000) < permille; }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<size_t>(Below(static_cast<int>(items.size())))];
  }

 private:
  uint64_t state_;
};

}  // namespace ej::service::demo
