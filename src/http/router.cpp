#include "http/router.h"

#include <stdexcept>

namespace ej::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(pos, end - pos));
    pos = end;
  }
  return parts;
}

}  // namespace

std::string_view ToString(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

bool IsMutating(Method method) {
  return method == Method::kPost || method == Method::kPut || method == Method::kPatch || method == Method::kDelete;
}

void Router::Add(Route route) {
  Node* node = &root_;
  for (std::string_view part : Split(route.pattern)) {
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      std::string name(part.substr(1, part.size() - 2));
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = name;
      } else if (node->param_name != name) {
        throw std::logic_error("route " + route.pattern + ": parameter {" + name + "} clashes with {" +
                               node->param_name + "}");
      }
      node = node->param.get();
    } else {
      auto& child = node->literals[std::string(part)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  if (node->routes.contains(route.method)) {
    throw std::logic_error("duplicate route " + std::string(ToString(route.method)) + " " + route.pattern);
  }
  node->routes.emplace(route.method, std::move(route));
}

Router::Match Router::Find(Method method, std::string_view path) const {
  Match match;
  const Node* node = &root_;
  for (std::string_view part : Split(path)) {
    if (auto it = node->literals.find(part); it != node->literals.end()) {
      node = it->second.get();
    } else if (node->param) {
      match.params.emplace_back(node->param_name, std::string(part));
      node = node->param.get();
    } else {
      match.params.clear();
      return match;
    }
  }
  match.path_known = !node->routes.empty();
  // HEAD is answered by the GET route.
  auto it = node->routes.find(method == Method::kHead ? Method::kGet : method);
  if (it != node->routes.end()) match.route = &it->second;
  if (!match.route) match.params.clear();
  return match;
}

}  // namespace ej::http
