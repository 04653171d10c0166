#pragma once

#include "http/router.h"

namespace ej::http {

// The route table: every endpoint, who may call it, where it runs.
Router MakeRouter();

}  // namespace ej::http
