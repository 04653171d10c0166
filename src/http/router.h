// Path routing with {param} segments. Matching does not depend on the order
// routes were added: a literal segment always wins over a parameter.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/types.h"

namespace ej::http {

class Dispatcher;
struct HandlerContext;

using Handler = Response (*)(HandlerContext&);

enum class Access {
  kPublic,   // no session needed (login, health)
  kSession,  // a valid session; mutating methods also need the CSRF token
};

enum class Runs {
  kInline,  // cheap and without I/O: runs on the io thread
  kWorker,  // touches the database or is slow: runs on the worker pool
};

struct Route {
  Method method;
  std::string pattern;  // "/api/v1/users/{id}"
  Handler handler;
  Access access;
  Runs runs;
};

class Router {
 public:
  // Throws std::logic_error on a duplicate (method, pattern) or a clash of
  // parameter names at the same position.
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;  // null: no route for this method
    bool path_known = false;       // some method exists for the path (405 vs 404)
    std::vector<std::pair<std::string, std::string>> params;
  };
  Match Find(Method method, std::string_view path) const;

 private:
  struct Node {
    std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
    std::unique_ptr<Node> param;
    std::string param_name;
    std::map<Method, Route> routes;
  };
  Node root_;
};

}  // namespace ej::http
