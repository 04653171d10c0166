// The one place where error codes become HTTP statuses and error bodies.
#pragma once

#include "domain/error.h"
#include "http/types.h"

namespace ej::http {

unsigned ToHttpStatus(domain::ErrorCode code);

// {"error": {"code": "...", "message": "..."}} with the code's status.
Response ErrorResponse(const domain::Error& error);
inline Response ErrorResponse(domain::ErrorCode code) { return ErrorResponse(domain::Error::Of(code)); }

}  // namespace ej::http
