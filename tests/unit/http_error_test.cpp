#include "http/http_error.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace ej::http {
namespace {

using domain::ErrorCode;

TEST(HttpErrorTest, StatusOfEveryCode) {
  static const struct {
    ErrorCode code;
    unsigned status;
  } kCases[] = {
      {ErrorCode::kInternal, 500},           {ErrorCode::kNotFound, 404},
      {ErrorCode::kMethodNotAllowed, 405},   {ErrorCode::kMalformedJson, 400},
      {ErrorCode::kInvalidUtf8, 400},        {ErrorCode::kUnsupportedMediaType, 415},
      {ErrorCode::kBodyTooLarge, 413},       {ErrorCode::kUnknownField, 400},
      {ErrorCode::kMissingField, 400},       {ErrorCode::kWrongType, 400},
      {ErrorCode::kInvalidValue, 400},       {ErrorCode::kUnauthenticated, 401},
      {ErrorCode::kSessionExpired, 401},     {ErrorCode::kInvalidCredentials, 401},
      {ErrorCode::kAccountLocked, 403},      {ErrorCode::kTooManyAttempts, 429},
      {ErrorCode::kCsrfInvalid, 403},        {ErrorCode::kForbidden, 403},
      {ErrorCode::kWrongPassword, 403},      {ErrorCode::kWeakPassword, 400},
      {ErrorCode::kLoginTaken, 409},         {ErrorCode::kInvalidLogin, 400},
      {ErrorCode::kServerBusy, 503},         {ErrorCode::kInvalidCalendar, 400},
      {ErrorCode::kInvalidCurriculum, 400},  {ErrorCode::kTimetableConflict, 409},
      {ErrorCode::kInvalidTimetable, 400},   {ErrorCode::kImportBadFile, 400},
      {ErrorCode::kImportInvalidRows, 422},  {ErrorCode::kInvalidActivationCode, 401},
      {ErrorCode::kConflict, 409},           {ErrorCode::kInvalidMark, 400},
      {ErrorCode::kNotInLesson, 422},        {ErrorCode::kLessonNotHeld, 422},
      {ErrorCode::kDeadlinePassed, 422},     {ErrorCode::kNoMarksInGrade, 422},
      {ErrorCode::kStaleVersion, 409},       {ErrorCode::kAlreadyReviewed, 409},
      {ErrorCode::kLaterChanges, 409},       {ErrorCode::kPlanTopicInUse, 409},
      {ErrorCode::kFileTypeNotAllowed, 415},
  };
  EXPECT_EQ(std::size(kCases), std::size(domain::kAllErrorCodes)) << "a code without a case";
  for (const auto& c : kCases) EXPECT_EQ(ToHttpStatus(c.code), c.status) << domain::CodeString(c.code);
}

TEST(HttpErrorTest, BodyShape) {
  Response res = ErrorResponse(ErrorCode::kCsrfInvalid);
  EXPECT_EQ(res.status, 403u);
  auto v = boost::json::parse(res.body);
  EXPECT_EQ(v.at("error").at("code").as_string(), "auth.csrf_invalid");
  EXPECT_FALSE(v.at("error").at("message").as_string().empty());
}

}  // namespace
}  // namespace ej::http
