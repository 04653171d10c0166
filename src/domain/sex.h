#pragma once

#include <optional>
#include <string_view>

namespace ej::domain {

enum class Sex { kMale, kFemale };

// "male" / "female" (the database's and the API's spelling).
inline std::string_view ToString(Sex sex) { return sex == Sex::kMale ? "male" : "female"; }

inline std::optional<Sex> ParseSex(std::string_view text) {
  if (text == "male") return Sex::kMale;
  if (text == "female") return Sex::kFemale;
  return std::nullopt;
}

}  // namespace ej::domain
