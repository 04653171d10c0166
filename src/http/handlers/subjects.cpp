// Subjects (docs/api/openapi.yaml: /subjects).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

// GET /api/v1/subjects?schoolId=
Response ListSubjects(HandlerContext& ctx) {
  return WithSchool(ctx, [&ctx](int64_t school) {
    return ReplyItems(ctx.services.curriculum.ListSubjects(*ctx.conn, ctx.actor(), school), SubjectJson);
  });
}

}  // namespace ej::http::handlers
