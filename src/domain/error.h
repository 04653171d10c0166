// Error codes of expected failures, with their Russian messages for people.
// The machine-readable code (e.g. "auth.csrf_invalid") is stable API; the HTTP
// status of each code is decided in one place, src/http/http_error.cpp.
#pragma once

#include <string>
#include <string_view>

namespace ej::domain {

enum class ErrorCode {
  kInternal,
  kNotFound,
  kMethodNotAllowed,
  kMalformedJson,
  kInvalidUtf8,
  kUnsupportedMediaType,
  kBodyTooLarge,
  kUnknownField,
  kMissingField,
  kWrongType,
  kInvalidValue,
  kUnauthenticated,
  kSessionExpired,
  kInvalidCredentials,
  kAccountLocked,
  kTooManyAttempts,
  kCsrfInvalid,
  kForbidden,
  kWrongPassword,
  kWeakPassword,
  kLoginTaken,
  kInvalidLogin,
  kServerBusy,
  kInvalidCalendar,
  kInvalidCurriculum,
  kTimetableConflict,
  kInvalidTimetable,
  kImportBadFile,
  kImportInvalidRows,
  kInvalidActivationCode,
  kConflict,
  kInvalidMark,
  kNotInLesson,
  kLessonNotHeld,
  kDeadlinePassed,
  kNoMarksInGrade,
  kStaleVersion,
  kAlreadyReviewed,
  kLaterChanges,
  kPlanTopicInUse,
  kFileTypeNotAllowed,
};

// Every ErrorCode, for table-driven tests of the mappings.
inline constexpr ErrorCode kAllErrorCodes[] = {
    ErrorCode::kInternal,          ErrorCode::kNotFound,           ErrorCode::kMethodNotAllowed,
    ErrorCode::kMalformedJson,     ErrorCode::kInvalidUtf8,        ErrorCode::kUnsupportedMediaType,
    ErrorCode::kBodyTooLarge,      ErrorCode::kUnknownField,       ErrorCode::kMissingField,
    ErrorCode::kWrongType,         ErrorCode::kInvalidValue,       ErrorCode::kUnauthenticated,
    ErrorCode::kSessionExpired,    ErrorCode::kInvalidCredentials, ErrorCode::kAccountLocked,
    ErrorCode::kTooManyAttempts,   ErrorCode::kCsrfInvalid,        ErrorCode::kForbidden,
    ErrorCode::kWrongPassword,     ErrorCode::kWeakPassword,       ErrorCode::kLoginTaken,
    ErrorCode::kInvalidLogin,      ErrorCode::kServerBusy,         ErrorCode::kInvalidCalendar,
    ErrorCode::kInvalidCurriculum, ErrorCode::kTimetableConflict,  ErrorCode::kInvalidTimetable,
    ErrorCode::kImportBadFile,     ErrorCode::kImportInvalidRows,  ErrorCode::kInvalidActivationCode,
    ErrorCode::kConflict,          ErrorCode::kInvalidMark,        ErrorCode::kNotInLesson,
    ErrorCode::kLessonNotHeld,     ErrorCode::kDeadlinePassed,     ErrorCode::kNoMarksInGrade,
    ErrorCode::kStaleVersion,      ErrorCode::kAlreadyReviewed,    ErrorCode::kLaterChanges,
    ErrorCode::kPlanTopicInUse,    ErrorCode::kFileTypeNotAllowed,
};

// Stable machine-readable code, e.g. "request.malformed_json".
std::string_view CodeString(ErrorCode code);
// Default Russian message for people.
std::string_view DefaultMessage(ErrorCode code);

// An expected failure: a code and the Russian message shown to people.
struct Error {
  ErrorCode code;
  std::string message;

  static Error Of(ErrorCode code) { return {code, std::string(DefaultMessage(code))}; }
  // The default message followed by ": detail" (e.g. the offending field).
  static Error WithDetail(ErrorCode code, std::string_view detail);
};

}  // namespace ej::domain
