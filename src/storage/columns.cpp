#include "storage/columns.h"

namespace ej::storage {

size_t Columns::Add(std::string_view expression) {
  if (count_ > 0) list_ += ", ";
  list_ += expression;
  return count_++;
}

}  // namespace ej::storage
