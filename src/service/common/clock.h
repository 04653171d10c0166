#pragma once

#include <cstdint>
#include <string>

namespace ej::service {

// The time source of the services: seconds since the Unix epoch and the
// calendar date. Tests substitute a fixed clock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t Now() const = 0;
  // The local calendar date "YYYY-MM-DD" at Now(), in the server's time zone.
  virtual std::string Today() const;
};

class SystemClock final : public Clock {
 public:
  int64_t Now() const override;
};

// "YYYY-MM-DD" of a Unix time in the process's local time zone.
std::string LocalDate(int64_t unix_seconds);

}  // namespace ej::service
