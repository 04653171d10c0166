// What a handler gets: the request, the services, the session (for routes
// that need one) and, on worker threads, the worker's database connection.
#pragma once

#include <memory>

#include "http/types.h"
#include "service/common/clock.h"
#include "service/common/session_cache.h"
#include "service/imports/import_service.h"
#include "service/journal/attendance_service.h"
#include "service/journal/comment_service.h"
#include "service/journal/journal_rules_service.h"
#include "service/journal/journal_service.h"
#include "service/journal/lesson_file_service.h"
#include "service/journal/lesson_record_service.h"
#include "service/journal/mark_service.h"
#include "service/journal/period_mark_service.h"
#include "service/journal/plan_service.h"
#include "service/journal/progress_service.h"
#include "service/journal/review_service.h"
#include "service/people/auth_service.h"
#include "service/people/consent_service.h"
#include "service/people/credential_service.h"
#include "service/people/roster_service.h"
#include "service/people/user_service.h"
#include "service/school/calendar_service.h"
#include "service/school/class_service.h"
#include "service/school/curriculum_service.h"
#include "service/school/facility_service.h"
#include "service/school/group_service.h"
#include "service/timetable/lesson_change_service.h"
#include "service/timetable/template_service.h"
#include "service/timetable/timetable_service.h"
#include "storage/database.h"

namespace ej::http {

struct Services {
  service::AuthService& auth;
  service::UserService& users;
  service::CalendarService& calendar;
  service::ClassService& classes;
  service::CurriculumService& curriculum;
  service::FacilityService& facilities;
  service::RosterService& roster;
  service::ConsentService& consents;
  service::GroupService& groups;
  service::TimetableService& timetable;
  service::TemplateService& templates;
  service::LessonChangeService& lesson_changes;
  service::CredentialService& credentials;
  service::ImportService& imports;
  service::MarkService& marks;
  service::JournalRulesService& journal_rules;
  service::JournalService& journals;
  service::PeriodMarkService& period_marks;
  service::ProgressService& progress;
  service::LessonRecordService& lesson_records;
  service::AttendanceService& attendance;
  service::CommentService& comments;
  service::LessonFileService& lesson_files;
  service::ReviewService& reviews;
  service::PlanService& plans;
  const service::Clock& clock;
};

struct HandlerContext {
  const Request& request;
  Services& services;
  std::shared_ptr<service::CachedSession> session;  // set for Access::kSession routes
  storage::Connection* conn = nullptr;              // set for Runs::kWorker routes

  const domain::Actor& actor() const { return session->principal->actor; }
  service::ClientInfo client() const { return {request.remote_ip, request.user_agent}; }
};

}  // namespace ej::http
