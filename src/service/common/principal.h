// The logged-in user as the services see them: the Actor for the rights
// function, and the profile shown by GET /me.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/roles.h"

namespace ej::service {

struct ChildView {
  int64_t id = 0;
  std::string full_name;
  int64_t school_id = 0;
  std::optional<int64_t> class_id;
  std::optional<std::string> class_name;
};

struct RoleView {
  domain::Role role;
  int64_t school_id = 0;
  std::string school_name;
  std::optional<int64_t> class_id;  // class led (class teacher) or attended (student)
  std::optional<std::string> class_name;
  std::vector<ChildView> children;  // parent only
};

struct Profile {
  int64_t id = 0;
  std::string login;
  std::string last_name;
  std::string first_name;
  std::optional<std::string> middle_name;
  std::string full_name;  // "Фамилия Имя Отчество"
  std::vector<RoleView> roles;
};

struct Principal {
  domain::Actor actor;
  Profile profile;
};

// "Фамилия Имя Отчество" (the middle name only when present).
std::string FullName(const std::string& last, const std::string& first, const std::optional<std::string>& middle);
// "5А": grade and letter.
std::string ClassName(int64_t grade, const std::string& letter);

}  // namespace ej::service
