#include "http/routes.h"

#include "http/handlers/handlers.h"

namespace ej::http {

Router MakeRouter() {
  namespace h = handlers;
  constexpr auto kGet = Method::kGet;
  constexpr auto kPost = Method::kPost;
  constexpr auto kPublic = Access::kPublic;
  constexpr auto kSession = Access::kSession;
  constexpr auto kInline = Runs::kInline;
  constexpr auto kWorker = Runs::kWorker;
  const Route kRoutes[] = {
      // health.cpp
      {kGet, "/healthz", h::Health, kPublic, kInline},
      // auth.cpp
      {kPost, "/api/v1/auth/login", h::Login, kPublic, kWorker},
      {kPost, "/api/v1/auth/logout", h::Logout, kSession, kWorker},
      {kPost, "/api/v1/auth/activate", h::Activate, kPublic, kWorker},
      // credentials.cpp
      {kPost, "/api/v1/credentials", h::IssueCredentials, kSession, kWorker},
      {kGet, "/api/v1/credentials/status", h::GetActivation, kSession, kWorker},
      // imports.cpp
      {kPost, "/api/v1/imports/roster", h::ImportRoster, kSession, kWorker},
      {kPost, "/api/v1/imports/staff", h::ImportStaff, kSession, kWorker},
      {kPost, "/api/v1/imports/fet", h::ImportFet, kSession, kWorker},
      {kPost, "/api/v1/imports/plan", h::ImportPlan, kSession, kWorker},
      // me.cpp, me_password.cpp, me_timetable.cpp
      {kGet, "/api/v1/me", h::GetMe, kSession, kInline},
      {kPost, "/api/v1/me/password", h::ChangeMyPassword, kSession, kWorker},
      {kGet, "/api/v1/me/timetable", h::GetMyTimetable, kSession, kWorker},
      // users.cpp
      {kGet, "/api/v1/users", h::ListUsers, kSession, kWorker},
      {kGet, "/api/v1/users/{id}", h::GetUser, kSession, kWorker},
      {kPost, "/api/v1/users", h::CreateUser, kSession, kWorker},
      {kPost, "/api/v1/users/{id}/lock", h::LockUser, kSession, kWorker},
      {kPost, "/api/v1/users/{id}/unlock", h::UnlockUser, kSession, kWorker},
      {kPost, "/api/v1/users/{id}/password", h::ResetUserPassword, kSession, kWorker},
      {kPost, "/api/v1/users/{id}/compromise", h::DeclareCompromise, kSession, kWorker},
      // reviews.cpp
      {kGet, "/api/v1/reviews", h::ListReviews, kSession, kWorker},
      {kPost, "/api/v1/reviews/{id}/confirm", h::ConfirmReview, kSession, kWorker},
      {kPost, "/api/v1/reviews/{id}/revert", h::RevertReview, kSession, kWorker},
      // years.cpp
      {kGet, "/api/v1/years", h::ListYears, kSession, kWorker},
      {kGet, "/api/v1/years/{id}", h::GetYear, kSession, kWorker},
      {kPost, "/api/v1/years", h::CreateYear, kSession, kWorker},
      {Method::kPut, "/api/v1/years/{id}/calendar", h::SetCalendar, kSession, kWorker},
      {kGet, "/api/v1/years/{id}/bells", h::GetBells, kSession, kWorker},
      {Method::kPut, "/api/v1/years/{id}/bells", h::SetBells, kSession, kWorker},
      // classes.cpp
      {kGet, "/api/v1/classes", h::ListClasses, kSession, kWorker},
      {kPost, "/api/v1/classes", h::CreateClass, kSession, kWorker},
      {Method::kPatch, "/api/v1/classes/{id}", h::UpdateClass, kSession, kWorker},
      {kGet, "/api/v1/classes/{id}/curriculum", h::GetClassCurriculum, kSession, kWorker},
      {Method::kPut, "/api/v1/classes/{id}/curriculum", h::SetClassCurriculum, kSession, kWorker},
      {kGet, "/api/v1/classes/{id}/students", h::GetClassStudents, kSession, kWorker},
      // groups.cpp
      {kGet, "/api/v1/groups", h::ListGroups, kSession, kWorker},
      {kGet, "/api/v1/groups/{id}", h::GetGroup, kSession, kWorker},
      {kPost, "/api/v1/groups", h::CreateGroup, kSession, kWorker},
      {Method::kPut, "/api/v1/groups/{id}/members", h::SetGroupMembers, kSession, kWorker},
      // timetable.cpp
      {kGet, "/api/v1/timetable", h::ListTimetable, kSession, kWorker},
      {kGet, "/api/v1/timetable/template", h::GetTimetableTemplate, kSession, kWorker},
      {Method::kPut, "/api/v1/timetable/template", h::SetTimetableTemplate, kSession, kWorker},
      // lessons.cpp
      {kGet, "/api/v1/lessons/{id}", h::GetLesson, kSession, kWorker},
      {kPost, "/api/v1/lessons/{id}/substitute", h::SubstituteLesson, kSession, kWorker},
      {kPost, "/api/v1/lessons/{id}/cancel", h::CancelLesson, kSession, kWorker},
      {kPost, "/api/v1/lessons/{id}/move", h::MoveLesson, kSession, kWorker},
      {kPost, "/api/v1/lessons/{id}/restore", h::RestoreLesson, kSession, kWorker},
      {kPost, "/api/v1/lessons/{id}/marks", h::AddMark, kSession, kWorker},
      {Method::kPut, "/api/v1/lessons/{id}/record", h::SetLessonRecord, kSession, kWorker},
      {kPost, "/api/v1/lessons/{id}/attendance", h::MarkAttendance, kSession, kWorker},
      {kPost, "/api/v1/lessons/{id}/comments", h::AddLessonComment, kSession, kWorker},
      {kGet, "/api/v1/lessons/{id}/history", h::GetLessonHistory, kSession, kWorker},
      {kPost, "/api/v1/lessons/{id}/files", h::AttachLessonFile, kSession, kWorker},
      // subjects.cpp, teachers.cpp, rooms.cpp
      {kGet, "/api/v1/subjects", h::ListSubjects, kSession, kWorker},
      {kGet, "/api/v1/teachers/{id}/load", h::GetTeacherLoad, kSession, kWorker},
      {kGet, "/api/v1/rooms", h::ListRooms, kSession, kWorker},
      {kPost, "/api/v1/rooms", h::CreateRoom, kSession, kWorker},
      // students.cpp
      {kPost, "/api/v1/students", h::AdmitStudent, kSession, kWorker},
      {kPost, "/api/v1/students/{id}/transfer", h::TransferStudent, kSession, kWorker},
      {kPost, "/api/v1/students/{id}/departure", h::DismissStudent, kSession, kWorker},
      {kPost, "/api/v1/students/{id}/absence-reason", h::SetAbsenceReason, kSession, kWorker},
      {kGet, "/api/v1/students/{id}/progress", h::GetStudentProgress, kSession, kWorker},
      // movements.cpp
      {kGet, "/api/v1/movements", h::ListMovements, kSession, kWorker},
      // work_types.cpp, journal_settings.cpp
      {kGet, "/api/v1/work-types", h::ListWorkTypes, kSession, kWorker},
      {kPost, "/api/v1/work-types", h::CreateWorkType, kSession, kWorker},
      {Method::kPut, "/api/v1/work-types/{id}", h::UpdateWorkType, kSession, kWorker},
      {kGet, "/api/v1/journal-settings", h::GetJournalSettings, kSession, kWorker},
      {Method::kPut, "/api/v1/journal-settings", h::SetJournalSettings, kSession, kWorker},
      // marks.cpp
      {Method::kPatch, "/api/v1/marks/{id}", h::CorrectMark, kSession, kWorker},
      {kPost, "/api/v1/marks/{id}/remove", h::RemoveMark, kSession, kWorker},
      {kGet, "/api/v1/marks/{id}/history", h::GetMarkHistory, kSession, kWorker},
      // journals.cpp
      {kGet, "/api/v1/journals", h::ListJournals, kSession, kWorker},
      {kGet, "/api/v1/journals/{id}", h::GetJournal, kSession, kWorker},
      {kPost, "/api/v1/journals/{id}/marks", h::AddJournalMark, kSession, kWorker},
      {kPost, "/api/v1/journals/{id}/period-marks", h::SetPeriodMark, kSession, kWorker},
      {kGet, "/api/v1/journals/{id}/plan", h::GetPlan, kSession, kWorker},
      {Method::kPut, "/api/v1/journals/{id}/plan", h::SetPlan, kSession, kWorker},
      // period_marks.cpp
      {Method::kPatch, "/api/v1/period-marks/{id}", h::CorrectPeriodMark, kSession, kWorker},
      {kGet, "/api/v1/period-marks/{id}/history", h::GetPeriodMarkHistory, kSession, kWorker},
      // comments.cpp, files.cpp
      {kPost, "/api/v1/comments/{id}/remove", h::RemoveLessonComment, kSession, kWorker},
      {kGet, "/api/v1/files/{id}", h::DownloadLessonFile, kSession, kWorker},
      {kPost, "/api/v1/files/{id}/remove", h::RemoveLessonFile, kSession, kWorker},
      // parents.cpp
      {kGet, "/api/v1/parents/{id}/consent", h::GetConsent, kSession, kWorker},
      {kPost, "/api/v1/parents/{id}/consent", h::RecordConsent, kSession, kWorker},
  };
  Router router;
  for (const Route& r : kRoutes) router.Add(r);
  return router;
}

}  // namespace ej::http
