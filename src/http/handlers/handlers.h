// Every endpoint's handler: parse, call one service function, serialise.
// The route table (routes.cpp) says who may call each and where it runs.
// Grouped as the files are: one file per resource, named after the path's
// first segment after /api/v1/ (the first two for /me/...).
#pragma once

#include "http/handler_context.h"
#include "http/json_io.h"

namespace ej::http::handlers {

// health.cpp: /healthz
Response Health(HandlerContext& ctx);

// auth.cpp: /auth/...
Response Login(HandlerContext& ctx);
Response Logout(HandlerContext& ctx);
Response Activate(HandlerContext& ctx);

// credentials.cpp: /credentials, /credentials/status
Response IssueCredentials(HandlerContext& ctx);
Response GetActivation(HandlerContext& ctx);
// The slips of an issued batch as a PDF (report/).
Response CredentialSlipsPdf(HandlerContext& ctx, const service::CredentialBatch& batch);

// imports.cpp: /imports/...
Response ImportRoster(HandlerContext& ctx);
Response ImportStaff(HandlerContext& ctx);
Response ImportFet(HandlerContext& ctx);
Response ImportPlan(HandlerContext& ctx);

// me.cpp, me_password.cpp, me_timetable.cpp: /me, /me/password, /me/timetable
Response GetMe(HandlerContext& ctx);
Response ChangeMyPassword(HandlerContext& ctx);
Response GetMyTimetable(HandlerContext& ctx);

// users.cpp: /users, /users/{id}/...
Response ListUsers(HandlerContext& ctx);
Response GetUser(HandlerContext& ctx);
Response CreateUser(HandlerContext& ctx);
Response LockUser(HandlerContext& ctx);
Response UnlockUser(HandlerContext& ctx);
Response ResetUserPassword(HandlerContext& ctx);
Response DeclareCompromise(HandlerContext& ctx);

// reviews.cpp: /reviews, /reviews/{id}/...
Response ListReviews(HandlerContext& ctx);
Response ConfirmReview(HandlerContext& ctx);
Response RevertReview(HandlerContext& ctx);

// years.cpp: /years, /years/{id}, /years/{id}/calendar, /years/{id}/bells
Response ListYears(HandlerContext& ctx);
Response GetYear(HandlerContext& ctx);
Response CreateYear(HandlerContext& ctx);
Response SetCalendar(HandlerContext& ctx);
Response GetBells(HandlerContext& ctx);
Response SetBells(HandlerContext& ctx);

// classes.cpp: /classes, /classes/{id}, /classes/{id}/curriculum, /classes/{id}/students
Response ListClasses(HandlerContext& ctx);
Response CreateClass(HandlerContext& ctx);
Response UpdateClass(HandlerContext& ctx);
Response GetClassCurriculum(HandlerContext& ctx);
Response SetClassCurriculum(HandlerContext& ctx);
Response GetClassStudents(HandlerContext& ctx);

// groups.cpp: /groups, /groups/{id}, /groups/{id}/members
Response ListGroups(HandlerContext& ctx);
Response GetGroup(HandlerContext& ctx);
Response CreateGroup(HandlerContext& ctx);
Response SetGroupMembers(HandlerContext& ctx);

// timetable.cpp: /timetable, /timetable/template
Response ListTimetable(HandlerContext& ctx);
Response GetTimetableTemplate(HandlerContext& ctx);
Response SetTimetableTemplate(HandlerContext& ctx);

// lessons.cpp: /lessons/{id} and everything under it
Response GetLesson(HandlerContext& ctx);
Response SubstituteLesson(HandlerContext& ctx);
Response CancelLesson(HandlerContext& ctx);
Response MoveLesson(HandlerContext& ctx);
Response RestoreLesson(HandlerContext& ctx);
Response AddMark(HandlerContext& ctx);
Response SetLessonRecord(HandlerContext& ctx);
Response MarkAttendance(HandlerContext& ctx);
Response AddLessonComment(HandlerContext& ctx);
Response GetLessonHistory(HandlerContext& ctx);
Response AttachLessonFile(HandlerContext& ctx);
// A mark for a lesson, read from `in` after its body (POST /lessons/{id}/marks
// and /journals/{id}/marks): answers `in`'s first error, if any, or the service's.
Response AddMarkToLesson(HandlerContext& ctx, int64_t lesson_id, RequestReader& in);

// subjects.cpp, teachers.cpp, rooms.cpp: /subjects, /teachers/{id}/load, /rooms
Response ListSubjects(HandlerContext& ctx);
Response GetTeacherLoad(HandlerContext& ctx);
Response ListRooms(HandlerContext& ctx);
Response CreateRoom(HandlerContext& ctx);

// students.cpp: /students, /students/{id}/...
Response AdmitStudent(HandlerContext& ctx);
Response TransferStudent(HandlerContext& ctx);
Response DismissStudent(HandlerContext& ctx);
Response SetAbsenceReason(HandlerContext& ctx);
Response GetStudentProgress(HandlerContext& ctx);

// movements.cpp: /movements
Response ListMovements(HandlerContext& ctx);

// work_types.cpp, journal_settings.cpp: /work-types, /work-types/{id}, /journal-settings
Response ListWorkTypes(HandlerContext& ctx);
Response CreateWorkType(HandlerContext& ctx);
Response UpdateWorkType(HandlerContext& ctx);
Response GetJournalSettings(HandlerContext& ctx);
Response SetJournalSettings(HandlerContext& ctx);

// marks.cpp: /marks/{id}, /marks/{id}/remove, /marks/{id}/history
Response CorrectMark(HandlerContext& ctx);
Response RemoveMark(HandlerContext& ctx);
Response GetMarkHistory(HandlerContext& ctx);

// journals.cpp: /journals, /journals/{id}, /journals/{id}/marks, /journals/{id}/period-marks,
// /journals/{id}/plan
Response ListJournals(HandlerContext& ctx);
Response GetJournal(HandlerContext& ctx);
Response AddJournalMark(HandlerContext& ctx);
Response SetPeriodMark(HandlerContext& ctx);
Response GetPlan(HandlerContext& ctx);
Response SetPlan(HandlerContext& ctx);

// period_marks.cpp: /period-marks/{id}, /period-marks/{id}/history
Response CorrectPeriodMark(HandlerContext& ctx);
Response GetPeriodMarkHistory(HandlerContext& ctx);

// comments.cpp, files.cpp: /comments/{id}/remove, /files/{id}, /files/{id}/remove
Response RemoveLessonComment(HandlerContext& ctx);
Response DownloadLessonFile(HandlerContext& ctx);
Response RemoveLessonFile(HandlerContext& ctx);

// parents.cpp: /parents/{id}/consent
Response GetConsent(HandlerContext& ctx);
Response RecordConsent(HandlerContext& ctx);

}  // namespace ej::http::handlers
