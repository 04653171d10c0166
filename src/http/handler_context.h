// What a handler gets: the request, the services, the session (for routes
// that need one) and, on worker threads, the worker's database connection.
#pragma once

#include <memory>

#include "http/types.h"
#include "service/auth_service.h"
#include "service/calendar_service.h"
#include "service/class_service.h"
#include "service/consent_service.h"
#include "service/credential_service.h"
#include "service/curriculum_service.h"
#include "service/facility_service.h"
#include "service/group_service.h"
#include "service/import_service.h"
#include "service/journal_service.h"
#include "service/mark_service.h"
#include "service/plan_service.h"
#include "service/review_service.h"
#include "service/roster_service.h"
#include "service/timetable_service.h"
#include "service/clock.h"
#include "service/session_cache.h"
#include "service/user_service.h"
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
  service::CredentialService& credentials;
  service::ImportService& imports;
  service::MarkService& marks;
  service::JournalService& journals;
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
