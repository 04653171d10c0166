// Rooms and bell schedules of a school (R-ORG-4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/bells.h"
#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "storage/database.h"

namespace ej::service {

struct RoomView {
  int64_t id = 0;
  std::string name;  // «204», «Спортзал»
  std::optional<int64_t> capacity;
  std::optional<std::string> note;
};

struct NewRoom {
  std::string name;
  std::optional<int64_t> capacity;
  std::optional<std::string> note;
};

class FacilityService {
 public:
  explicit FacilityService(const Clock& clock) : clock_(clock) {}

  // Everybody of the school sees rooms and bells (the diary shows them).
  domain::Result<std::vector<RoomView>> ListRooms(storage::Connection& conn, const domain::Actor& actor,
                                                  int64_t school_id);
  // The administration; room names are unique within a school.
  domain::Result<RoomView> CreateRoom(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                      const NewRoom& room);
  domain::Result<std::vector<domain::BellSchedule>> GetBells(storage::Connection& conn, const domain::Actor& actor,
                                                             int64_t year_id);
  // The administration: replaces every bell schedule of the year, checked as a whole.
  domain::Result<std::vector<domain::BellSchedule>> SetBells(storage::Connection& conn, const domain::Actor& actor,
                                                             int64_t year_id,
                                                             const std::vector<domain::BellSchedule>& bells);

 private:
  const Clock& clock_;
};

namespace facility {

// The bell schedules of a year, by shift.
std::vector<domain::BellSchedule> LoadBells(storage::Connection& conn, int64_t year_id);

// Without rights checks, inside the caller's transaction (demo, import).
void SaveBells(storage::Connection& conn, int64_t school_id, int64_t year_id,
               const std::vector<domain::BellSchedule>& bells);
int64_t AddRoom(storage::Connection& conn, int64_t school_id, const NewRoom& room);

}  // namespace facility

}  // namespace ej::service
