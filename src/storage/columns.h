// A SELECT list whose readers find each column by the line that names it.
//
//   struct LessonColumns : storage::Columns {
//     size_t id = Add("l.id");
//     size_t date = Add("l.lesson_date");
//   };
//   const LessonColumns kLesson;
//   ... "SELECT " + kLesson.List() + " FROM lessons l ..." ... r.Int(kLesson.id) ...
//
// Members are initialised in the order they are declared, so each index is
// the position of the name on its own line: adding, removing or moving a
// column cannot shift the index another reader uses.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ej::storage {

class Columns {
 public:
  // "l.id, l.lesson_date, ...": the list to put after SELECT.
  const std::string& List() const { return list_; }
  size_t size() const { return count_; }

 protected:
  // Appends a column (or an expression) and returns its index in a row.
  size_t Add(std::string_view expression);

 private:
  std::string list_;
  size_t count_ = 0;
};

}  // namespace ej::storage
