#include "http/handlers/serialize.h"

#include "domain/capabilities.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace ej::http {

namespace json = boost::json;

namespace {

json::value Opt(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value Opt(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

}  // namespace

json::array HistoryJson(const std::vector<service::events::StoredEvent>& events, const char* reason_key) {
  // A stored snapshot back as JSON (the service wrote it as JSON; else as text).
  auto parsed = [](const std::optional<std::string>& s) -> json::value {
    if (!s) return nullptr;
    boost::system::error_code ec;
    json::value v = json::parse(*s, ec);
    return ec ? json::value(*s) : v;
  };
  json::array out;
  for (const auto& e : events) {
    out.push_back(json::object{
        {"id", e.id},
        {"action", e.action},
        {"at", e.occurred_at},
        {"by", e.actor_id ? json::value(json::object{{"id", *e.actor_id}, {"fullName", e.actor_name}}) : nullptr},
        {"before", parsed(e.before)},
        {"after", parsed(e.after)},
        {reason_key, std::string_view(reason_key) == "reason" ? Opt(e.reason) : parsed(e.reason)},
        {"review", Opt(e.review)}});
  }
  return out;
}

json::object ProfileJson(const service::Profile& p) {
  json::array roles;
  for (const auto& r : p.roles) {
    json::object role{{"role", domain::ToString(r.role)},
                      {"schoolId", r.school_id},
                      {"schoolName", r.school_name}};
    if (r.class_id) {
      role["classId"] = *r.class_id;
      role["className"] = Opt(r.class_name);
    }
    if (r.role == domain::Role::kParent) {
      json::array children;
      for (const auto& c : r.children) {
        children.push_back(json::object{{"id", c.id},
                                        {"fullName", c.full_name},
                                        {"classId", Opt(c.class_id)},
                                        {"className", Opt(c.class_name)}});
      }
      role["children"] = std::move(children);
    }
    roles.push_back(std::move(role));
  }
  return json::object{{"id", p.id},
                      {"login", p.login},
                      {"fullName", p.full_name},
                      {"lastName", p.last_name},
                      {"firstName", p.first_name},
                      {"middleName", Opt(p.middle_name)},
                      {"roles", std::move(roles)}};
}

namespace {

json::array ActionsJson(const std::vector<domain::Action>& actions) {
  json::array out;
  for (domain::Action a : actions) out.emplace_back(domain::ActionName(a));
  return out;
}

}  // namespace

json::object UserJson(const service::Principal& principal) {
  json::object out = ProfileJson(principal.profile);
  json::array capabilities;
  for (const auto& school : domain::CapabilitiesOf(principal.actor)) {
    json::array classes;
    for (const auto& c : school.classes) {
      classes.push_back(json::object{{"classId", c.class_id}, {"actions", ActionsJson(c.actions)}});
    }
    capabilities.push_back(json::object{
        {"schoolId", school.school_id}, {"actions", ActionsJson(school.actions)}, {"classes", std::move(classes)}});
  }
  out["capabilities"] = std::move(capabilities);
  return out;
}

json::object PersonJson(const service::PersonView& v) {
  json::array roles;
  for (const auto& r : v.roles) {
    json::object role{{"role", domain::ToString(r.role)}, {"schoolId", r.school_id}};
    if (r.class_id) {
      role["classId"] = *r.class_id;
      role["className"] = Opt(r.class_name);
    }
    if (r.position) role["position"] = *r.position;
    roles.push_back(std::move(role));
  }
  json::object out{{"id", v.id},
                   {"fullName", v.full_name},
                   {"lastName", v.last_name},
                   {"firstName", v.first_name},
                   {"middleName", Opt(v.middle_name)},
                   {"roles", std::move(roles)}};
  if (v.details) {
    out["login"] = Opt(v.login);
    out["email"] = Opt(v.email);
    out["phone"] = Opt(v.phone);
    out["locked"] = v.locked;
  }
  return out;
}

}  // namespace ej::http
