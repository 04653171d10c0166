// Rooms (docs/api/openapi.yaml: /rooms).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;

namespace {

json::object RoomJson(const service::RoomView& r) {
  return {{"id", r.id}, {"name", r.name}, {"capacity", OrNull(r.capacity)}, {"note", OrNull(r.note)}};
}

}  // namespace

// GET /api/v1/rooms?schoolId=
Response ListRooms(HandlerContext& ctx) {
  return WithSchool(ctx, [&ctx](int64_t school) {
    return ReplyItems(ctx.services.facilities.ListRooms(*ctx.conn, ctx.actor(), school), RoomJson);
  });
}

// POST /api/v1/rooms {"schoolId"?, "name", "capacity"?, "note"?}
Response CreateRoom(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"schoolId", "name", "capacity", "note"});
  const int64_t school = SchoolInBody(ctx, in);
  service::NewRoom room;
  room.name = in.String("name", 100);
  room.capacity = in.OptInt("capacity");
  room.note = in.OptString("note", 200);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(201, ctx.services.facilities.CreateRoom(*ctx.conn, ctx.actor(), school, room), RoomJson);
}

}  // namespace ej::http::handlers
