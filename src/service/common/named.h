// Something a view names: its id and its name for people («5А», «Иванов
// Пётр Сергеевич», «Математика»).
#pragma once

#include <cstdint>
#include <string>

namespace ej::service {

struct Named {
  int64_t id = 0;
  std::string name;
};

}  // namespace ej::service
