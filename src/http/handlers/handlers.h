// Every endpoint's handler: parse, call one service function, serialise.
// The route table (routes.cpp) says who may call each and where it runs.
#pragma once

#include <boost/json/object.hpp>

#include "http/handler_context.h"

namespace ej::http::handlers {

Response Health(HandlerContext& ctx);

Response Login(HandlerContext& ctx);
Response Logout(HandlerContext& ctx);
Response Activate(HandlerContext& ctx);

Response IssueCredentials(HandlerContext& ctx);
Response ImportRoster(HandlerContext& ctx);
Response ImportStaff(HandlerContext& ctx);
Response ImportFet(HandlerContext& ctx);
Response GetActivation(HandlerContext& ctx);
// The slips of an issued batch as a PDF (report/).
Response CredentialSlipsPdf(HandlerContext& ctx, const service::CredentialBatch& batch);

Response GetMe(HandlerContext& ctx);
Response ChangeMyPassword(HandlerContext& ctx);

Response ListUsers(HandlerContext& ctx);
Response GetUser(HandlerContext& ctx);
Response CreateUser(HandlerContext& ctx);
Response LockUser(HandlerContext& ctx);
Response UnlockUser(HandlerContext& ctx);
Response ResetUserPassword(HandlerContext& ctx);

Response ListYears(HandlerContext& ctx);
Response GetYear(HandlerContext& ctx);
Response CreateYear(HandlerContext& ctx);
Response SetCalendar(HandlerContext& ctx);

Response ListClasses(HandlerContext& ctx);
Response CreateClass(HandlerContext& ctx);
Response UpdateClass(HandlerContext& ctx);

Response ListGroups(HandlerContext& ctx);
Response GetGroup(HandlerContext& ctx);
Response CreateGroup(HandlerContext& ctx);
Response SetGroupMembers(HandlerContext& ctx);

Response GetTimetableTemplate(HandlerContext& ctx);
Response SetTimetableTemplate(HandlerContext& ctx);
Response ListTimetable(HandlerContext& ctx);
Response GetMyTimetable(HandlerContext& ctx);
Response GetLesson(HandlerContext& ctx);
Response SubstituteLesson(HandlerContext& ctx);
Response CancelLesson(HandlerContext& ctx);
Response MoveLesson(HandlerContext& ctx);
Response RestoreLesson(HandlerContext& ctx);

Response ListSubjects(HandlerContext& ctx);
Response GetClassCurriculum(HandlerContext& ctx);
Response SetClassCurriculum(HandlerContext& ctx);
Response GetTeacherLoad(HandlerContext& ctx);

Response ListRooms(HandlerContext& ctx);
Response CreateRoom(HandlerContext& ctx);
Response GetBells(HandlerContext& ctx);
Response SetBells(HandlerContext& ctx);

Response AdmitStudent(HandlerContext& ctx);
Response TransferStudent(HandlerContext& ctx);
Response DismissStudent(HandlerContext& ctx);
Response ListMovements(HandlerContext& ctx);
Response GetClassStudents(HandlerContext& ctx);
Response ListWorkTypes(HandlerContext& ctx);
Response CreateWorkType(HandlerContext& ctx);
Response UpdateWorkType(HandlerContext& ctx);
Response GetJournalSettings(HandlerContext& ctx);
Response SetJournalSettings(HandlerContext& ctx);
Response AddMark(HandlerContext& ctx);
Response CorrectMark(HandlerContext& ctx);
Response RemoveMark(HandlerContext& ctx);
Response GetMarkHistory(HandlerContext& ctx);
Response ListJournals(HandlerContext& ctx);
Response GetJournal(HandlerContext& ctx);
Response AddJournalMark(HandlerContext& ctx);
Response SetLessonRecord(HandlerContext& ctx);
Response MarkAttendance(HandlerContext& ctx);
Response SetAbsenceReason(HandlerContext& ctx);
Response SetPeriodMark(HandlerContext& ctx);
Response CorrectPeriodMark(HandlerContext& ctx);
Response GetPeriodMarkHistory(HandlerContext& ctx);
// A mark for a lesson from a request body (POST /lessons/{id}/marks and /journals/{id}/marks).
Response AddMarkToLesson(HandlerContext& ctx, int64_t lesson_id, const boost::json::object& body);

Response GetLessonHistory(HandlerContext& ctx);
Response GetStudentProgress(HandlerContext& ctx);
Response AttachLessonFile(HandlerContext& ctx);
Response DownloadLessonFile(HandlerContext& ctx);
Response RemoveLessonFile(HandlerContext& ctx);
Response AddLessonComment(HandlerContext& ctx);
Response RemoveLessonComment(HandlerContext& ctx);
Response GetPlan(HandlerContext& ctx);
Response SetPlan(HandlerContext& ctx);
Response ImportPlan(HandlerContext& ctx);
Response DeclareCompromise(HandlerContext& ctx);
Response ListReviews(HandlerContext& ctx);
Response ConfirmReview(HandlerContext& ctx);
Response RevertReview(HandlerContext& ctx);

Response GetConsent(HandlerContext& ctx);
Response RecordConsent(HandlerContext& ctx);

}  // namespace ej::http::handlers
