#include "http/types.h"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse_query.hpp>

namespace ej::http {

std::string_view Request::PathParam(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  return {};
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  auto parsed = boost::urls::parse_query(query);
  if (!parsed) return std::nullopt;
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (auto param : *parsed) {
    if (param.key.decode(opts) == name) {
      if (!param.has_value) return std::string();
      return param.value.decode(opts);
    }
  }
  return std::nullopt;
}

std::string UserLabel(int64_t user_id) {
  std::string label(1, 'u');
  label.append(std::to_string(user_id));
  return label;
}

}  // namespace ej::http
