#include "domain/error.h"

namespace ej::domain {
namespace {

struct Entry {
  std::string_view code;
  std::string_view message;
};

Entry Lookup(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInternal:
      return {"internal", "Внутренняя ошибка сервера. Попробуйте ещё раз позже"};
    case ErrorCode::kNotFound:
      return {"request.not_found", "Не найдено"};
    case ErrorCode::kMethodNotAllowed:
      return {"request.method_not_allowed", "Метод не поддерживается для этого адреса"};
    case ErrorCode::kMalformedJson:
      return {"request.malformed_json", "Тело запроса не является корректным JSON"};
    case ErrorCode::kInvalidUtf8:
      return {"request.invalid_utf8", "Текст содержит недопустимые символы (не UTF-8)"};
    case ErrorCode::kUnsupportedMediaType:
      return {"request.unsupported_media_type", "Ожидается тело запроса в формате application/json"};
    case ErrorCode::kBodyTooLarge:
      return {"request.body_too_large", "Тело запроса слишком велико"};
    case ErrorCode::kUnknownField:
      return {"request.unknown_field", "Неизвестное поле"};
    case ErrorCode::kMissingField:
      return {"request.missing_field", "Не заполнено обязательное поле"};
    case ErrorCode::kWrongType:
      return {"request.wrong_type", "Неверный тип значения поля"};
    case ErrorCode::kInvalidValue:
      return {"request.invalid_value", "Недопустимое значение"};
    case ErrorCode::kUnauthenticated:
      return {"auth.unauthenticated", "Требуется вход в систему"};
    case ErrorCode::kSessionExpired:
      return {"auth.session_expired", "Сеанс истёк. Войдите снова"};
    case ErrorCode::kInvalidCredentials:
      return {"auth.invalid_credentials", "Неверный логин или пароль"};
    case ErrorCode::kAccountLocked:
      return {"auth.account_locked", "Учётная запись заблокирована. Обратитесь к администратору"};
    case ErrorCode::kTooManyAttempts:
      return {"auth.too_many_attempts", "Слишком много неудачных попыток входа. Повторите позже"};
    case ErrorCode::kCsrfInvalid:
      return {"auth.csrf_invalid", "Запрос отклонён: неверный или отсутствующий токен защиты (X-CSRF-Token)"};
    case ErrorCode::kForbidden:
      return {"access.forbidden", "Недостаточно прав для этого действия"};
    case ErrorCode::kWrongPassword:
      return {"auth.wrong_password", "Текущий пароль указан неверно"};
    case ErrorCode::kWeakPassword:
      return {"auth.weak_password",
              "Пароль слишком простой: нужно не менее 8 символов, и он не должен совпадать с логином"};
    case ErrorCode::kLoginTaken:
      return {"user.login_taken", "Такой логин уже занят"};
    case ErrorCode::kInvalidLogin:
      return {
          "user.invalid_login",
          "Логин может содержать только латинские буквы, цифры, точку, дефис и подчёркивание (от 2 до 64 символов)"};
    case ErrorCode::kServerBusy:
      return {"server.busy", "Сервер перегружен. Повторите запрос через несколько секунд"};
    case ErrorCode::kInvalidCalendar:
      return {"calendar.invalid", "Календарь учебного года составлен с ошибками"};
    case ErrorCode::kInvalidCurriculum:
      return {"curriculum.invalid", "Учебный план класса составлен с ошибками"};
    case ErrorCode::kTimetableConflict:
      return {"timetable.conflict", "Накладка в расписании"};
    case ErrorCode::kInvalidTimetable:
      return {"timetable.invalid", "Расписание составлено с ошибками"};
    case ErrorCode::kImportBadFile:
      return {"import.bad_file", "Файл не удалось прочитать: он повреждён или не того формата"};
    case ErrorCode::kImportInvalidRows:
      return {"import.invalid_rows", "В файле есть строки с ошибками; ничего не загружено"};
    case ErrorCode::kInvalidActivationCode:
      return {"auth.invalid_activation_code", "Код активации неверен, уже использован или истёк"};
    case ErrorCode::kConflict:
      return {"request.conflict", "Данные изменились с момента загрузки; обновите страницу"};
    case ErrorCode::kInvalidMark:
      return {"mark.invalid_value", "Такой отметки нет в шкале этого предмета"};
    case ErrorCode::kNotInLesson:
      return {"mark.student_not_in_lesson", "Ученик не учится в этом классе или группе в день урока"};
    case ErrorCode::kLessonNotHeld:
      return {"lesson.not_held", "Урок не проводился: он отменён, перенесён или ещё не наступил"};
    case ErrorCode::kDeadlinePassed:
      return {"journal.deadline_passed", "Срок внесения в журнал истёк"};
    case ErrorCode::kNoMarksInGrade:
      return {"mark.not_graded_grade", "В 1 классе отметки не выставляются"};
    case ErrorCode::kStaleVersion:
      return {"journal.conflict", "Запись уже изменил кто-то другой; обновите и проверьте"};
    case ErrorCode::kAlreadyReviewed:
      return {"review.done", "Это изменение уже рассмотрено"};
    case ErrorCode::kLaterChanges:
      return {"review.later_changes",
              "После этого изменения запись меняли: сначала рассмотрите более поздние изменения"};
    case ErrorCode::kFileTypeNotAllowed:
      return {"file.type_not_allowed",
              "Такой файл прикрепить нельзя: подойдут документы, таблицы, презентации, PDF, изображения, текст и звук"};
    case ErrorCode::kPlanTopicInUse:
      return {"plan.topic_in_use", "Тема плана уже записана в журнале и не может быть удалена"};
  }
  return {"internal", "Внутренняя ошибка сервера"};
}

}  // namespace

std::string_view CodeString(ErrorCode code) { return Lookup(code).code; }
std::string_view DefaultMessage(ErrorCode code) { return Lookup(code).message; }

Error Error::WithDetail(ErrorCode code, std::string_view detail) {
  std::string message(DefaultMessage(code));
  message += ": ";
  message += detail;
  return {code, std::move(message)};
}

}  // namespace ej::domain
