#include "http/http_error.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace ej::http {

using domain::ErrorCode;

unsigned ToHttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kMalformedJson:
    case ErrorCode::kInvalidUtf8:
    case ErrorCode::kUnknownField:
    case ErrorCode::kMissingField:
    case ErrorCode::kWrongType:
    case ErrorCode::kInvalidValue:
    case ErrorCode::kWeakPassword:
    case ErrorCode::kInvalidLogin:
    case ErrorCode::kInvalidCalendar:
    case ErrorCode::kInvalidCurriculum:
    case ErrorCode::kInvalidTimetable:
    case ErrorCode::kImportBadFile:
      return 400;
    case ErrorCode::kInvalidMark:
      return 400;
    case ErrorCode::kImportInvalidRows:
    case ErrorCode::kNotInLesson:
    case ErrorCode::kLessonNotHeld:
    case ErrorCode::kDeadlinePassed:
    case ErrorCode::kNoMarksInGrade:
      return 422;
    case ErrorCode::kInvalidActivationCode:
      return 401;
    case ErrorCode::kTimetableConflict:
    case ErrorCode::kStaleVersion:
    case ErrorCode::kAlreadyReviewed:
    case ErrorCode::kLaterChanges:
    case ErrorCode::kPlanTopicInUse:
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kUnsupportedMediaType:
    case ErrorCode::kFileTypeNotAllowed:
      return 415;
    case ErrorCode::kBodyTooLarge:
      return 413;
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kSessionExpired:
    case ErrorCode::kInvalidCredentials:
      return 401;
    case ErrorCode::kAccountLocked:
    case ErrorCode::kCsrfInvalid:
    case ErrorCode::kForbidden:
    case ErrorCode::kWrongPassword:
      return 403;
    case ErrorCode::kTooManyAttempts:
      return 429;
    case ErrorCode::kLoginTaken:
      return 409;
    case ErrorCode::kServerBusy:
      return 503;
  }
  return 500;
}

Response ErrorResponse(const domain::Error& error) {
  boost::json::value body = {{"error", {{"code", domain::CodeString(error.code)}, {"message", error.message}}}};
  Response res;
  res.status = ToHttpStatus(error.code);
  res.body = boost::json::serialize(body);
  if (error.code == ErrorCode::kTooManyAttempts || error.code == ErrorCode::kServerBusy) {
    res.Header("Retry-After", "30");
  }
  return res;
}

}  // namespace ej::http
