#include "cli/commands.h"

#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "demo/demo.h"
#include "domain/account_rules.h"
#include "http/dispatcher.h"
#include "http/routes.h"
#include "http/server.h"
#include "http/static_files.h"
#include "http/worker_pool.h"
#include "report/pdf_document.h"
#include "service/common/crypto.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_service.h"
#include "service/people/auth_service.h"
#include "service/people/consent_service.h"
#include "service/people/roster_service.h"
#include "service/people/user_service.h"
#include "service/school/calendar_service.h"
#include "service/school/class_service.h"
#include "service/school/curriculum_service.h"
#include "service/school/facility_service.h"
#include "service/school/setup_service.h"
#include "storage/migrate.h"

namespace ej::cli {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<storage::Connection> OpenDatabase(const Config& config) {
  auto url = storage::ParseDatabaseUrl(config.database);
  if (url && url->backend == storage::Backend::kSqlite) {
    fs::path parent = fs::path(url->target).parent_path();
    if (!parent.empty()) fs::create_directories(parent);
  }
  return storage::Open(*url);
}

// Reads a password from stdin (one line) or, on a terminal, asks twice
// without echo.
std::optional<std::string> ReadPassword(bool from_stdin) {
  std::string first;
  if (from_stdin || !isatty(STDIN_FILENO)) {
    if (!std::getline(std::cin, first)) return std::nullopt;
    return first;
  }
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string second;
  std::cerr << "Пароль: " << std::flush;
  std::getline(std::cin, first);
  std::cerr << "\nПовторите пароль: " << std::flush;
  std::getline(std::cin, second);
  std::cerr << "\n";
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  if (first != second) {
    std::cerr << "ошибка: пароли не совпадают\n";
    return std::nullopt;
  }
  return first;
}

int Fail(const domain::Error& e) {
  std::cerr << "ошибка (" << domain::CodeString(e.code) << "): " << e.message << "\n";
  return 1;
}

fs::path FindWebRoot(const std::string& configured) {
  if (fs::is_directory(configured)) return configured;
  // build/ejournal run from elsewhere: the repository's web/dist beside build/.
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path guess = exe.parent_path().parent_path() / "web" / "dist";
    if (fs::is_directory(guess)) return guess;
  }
  return configured;
}

}  // namespace

int Serve(const Config& config) {
  service::InitCrypto();
  {
    auto conn = OpenDatabase(config);
    int applied = storage::ApplyMigrations(*conn);
    if (applied > 0) {
      spdlog::info("applied {} migration(s)", applied);
      service::journals::EnsureAll(*conn);
    }
  }
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t workers = config.workers > 0 ? static_cast<size_t>(config.workers) : std::max<size_t>(4, 2 * cores);
  http::WorkerPool pool(workers, static_cast<size_t>(config.queue_limit), [&] { return OpenDatabase(config); });

  service::SystemClock clock;
  service::AuthSettings auth_settings;
  auth_settings.idle_timeout = config.session_idle_seconds;
  auth_settings.absolute_timeout = config.session_absolute_seconds;
  service::AuthService auth(auth_settings, clock);
  service::UserService users(clock, auth);
  service::CalendarService calendar(clock);
  service::ClassService classes(clock);
  service::CurriculumService curriculum(clock);
  service::FacilityService facilities(clock);
  service::RosterService roster(clock);
  service::ConsentService consents(clock);
  service::GroupService groups(clock);
  service::TimetableService timetable(clock);
  service::TemplateService templates(clock);
  service::LessonChangeService lesson_changes(clock);
  service::CredentialService credentials(clock);
  service::ImportService imports(clock);
  service::MarkService marks(clock);
  service::JournalRulesService journal_rules;
  service::JournalService journals(clock);
  service::PeriodMarkService period_marks(clock);
  service::ProgressService progress(clock);
  service::LessonRecordService lesson_records(clock);
  service::AttendanceService attendance(clock);
  service::CommentService comments(clock);
  service::LessonFileService lesson_files(clock);
  service::ReviewService reviews(clock, auth);
  service::PlanService plans(clock);
  fs::path web_root = FindWebRoot(config.web_root);
  http::StaticFiles static_files(web_root);
  if (static_files.file_count() == 0) {
    spdlog::warn("no web front end at '{}': run 'make build' (the API works without it)", web_root.string());
  }
  http::Dispatcher dispatcher(
      http::MakeRouter(),
      http::Services{auth,     users,         calendar,  classes,      curriculum,     facilities,     roster,
                     consents, groups,        timetable, templates,    lesson_changes, credentials,    imports,
                     marks,    journal_rules, journals,  period_marks, progress,       lesson_records, attendance,
                     comments, lesson_files,  reviews,   plans,        clock},
      static_files);

  http::ServerSettings settings;
  SplitHostPort(config.listen, settings.host, settings.port);
  settings.io_threads = static_cast<size_t>(config.io_threads);
  settings.body_limit = static_cast<size_t>(config.body_limit_kib) * 1024;
  settings.upload_limit = static_cast<size_t>(config.upload_limit_kib) * 1024;
  settings.access_log = config.access_log;
  http::Server server(settings, dispatcher, pool);
  server.Listen();
  spdlog::info("ejournal serving http://{}:{}/ (database {}, {} workers)", settings.host, server.port(),
               config.database.starts_with("sqlite:") ? config.database : "postgresql", workers);
  // A line for scripts that start the server on port 0.
  std::cout << "listening on " << settings.host << ":" << server.port() << std::endl;
  server.Run();
  pool.Stop();
  // The workers are gone: nothing renders a PDF any more.
  report::ReleaseFontCaches();
  spdlog::info("stopped");
  return 0;
}

int Migrate(const Config& config) {
  auto conn = OpenDatabase(config);
  int applied = storage::ApplyMigrations(*conn);
  if (applied > 0) service::journals::EnsureAll(*conn);
  std::cout << "schema version " << storage::SchemaVersion(*conn) << " (" << applied << " migration(s) applied)\n";
  return 0;
}

int Verify(const Config& config) {
  service::InitCrypto();
  auto conn = OpenDatabase(config);
  const auto result = service::events::Verify(*conn);
  if (!result.problem.empty()) {
    std::cout << "история журнала нарушена: ";
    if (result.broken_event_id) std::cout << "событие " << *result.broken_event_id << ", ";
    std::cout << "школа " << result.broken_school_id.value_or(0) << ": " << result.problem << "\n";
    return 1;
  }
  std::cout << "история журнала цела: событий " << result.events << ", школ " << result.schools << "\n";
  return 0;
}

int Demo(const Config& config, const DemoOptions& options) {
  if (options.logins_only) {
    service::PrintDemoLogins(std::cout);
    return 0;
  }
  service::InitCrypto();
  auto conn = OpenDatabase(config);
  storage::ApplyMigrations(*conn);
  if (service::HoldsData(*conn)) {
    if (!options.force) {
      std::cerr << "ошибка: база данных уже содержит данные; чтобы стереть их и создать "
                   "демо-школу заново, добавьте --force\n";
      return 1;
    }
    storage::DropEverything(*conn);
    storage::ApplyMigrations(*conn);
  }
  service::SystemClock clock;
  service::DemoSize size;
  size.schools = options.schools;
  size.journal = !options.empty_journal;
  auto stats = service::GenerateDemo(*conn, clock, size);
  std::cout << "Демо-школа создана: " << stats.schools << " школ(а), " << stats.classes << " классов, "
            << stats.students << " учеников, " << stats.parents << " родителей, " << stats.staff << " сотрудников, "
            << stats.groups << " групп, " << stats.lessons << " уроков в расписании на год.\n";
  if (size.journal) {
    std::cout << "Журнал заполнен по вчерашний день: записано уроков " << stats.records << ", отметок " << stats.marks
              << ", пропусков и опозданий " << stats.absences << ", итоговых отметок за прошедшие периоды "
              << stats.period_marks << ".\n";
  }
  if (stats.unplaced_lessons > 0) {
    std::cout << "Не удалось поставить в расписание уроков в неделю: " << stats.unplaced_lessons << "\n";
  }
  service::PrintDemoLogins(std::cout);
  return 0;
}

int Init(const Config& config, const InitOptions& o) {
  service::InitCrypto();
  auto conn = OpenDatabase(config);
  storage::ApplyMigrations(*conn);
  auto password = ReadPassword(o.password_stdin);
  if (!password) return 1;
  service::InitCommand cmd;
  cmd.school_name = o.school_name;
  cmd.time_zone = o.time_zone;
  cmd.administrator.login = o.login;
  cmd.administrator.password = *password;
  cmd.administrator.last_name = o.last_name;
  cmd.administrator.first_name = o.first_name;
  if (!o.middle_name.empty()) cmd.administrator.middle_name = o.middle_name;
  service::SystemClock clock;
  auto result = service::InitInstallation(*conn, clock, cmd);
  if (!result) return Fail(result.error());
  std::cout << "Школа «" << o.school_name << "» создана (id " << result->school_id << "), администратор " << o.login
            << " (id " << result->administrator_id << ").\n";
  return 0;
}

int UserAdd(const Config& config, const UserOptions& o) {
  service::InitCrypto();
  auto conn = OpenDatabase(config);
  storage::RequireCurrentSchema(*conn);
  service::NewAccount a;
  a.login = o.login;
  a.last_name = o.last_name;
  a.first_name = o.first_name;
  if (!o.middle_name.empty()) a.middle_name = o.middle_name;
  if (!o.email.empty()) a.email = o.email;
  if (!o.position.empty()) a.position = o.position;
  for (const auto& r : o.roles) {
    auto role = domain::ParseRole(r);
    if (!role) return Fail(domain::Error::WithDetail(domain::ErrorCode::kInvalidValue, "роль " + r));
    a.roles.push_back(*role);
  }
  auto password = ReadPassword(o.password_stdin);
  if (!password) return 1;
  a.password = *password;
  if (auto st = service::accounts::Check(a); !st) return Fail(st.error());
  const std::string hash = service::HashPassword(a.password);
  service::SystemClock clock;
  storage::Transaction tx(*conn, storage::TxMode::kWrite);
  auto id = service::accounts::Create(*conn, clock, o.school_id, a, hash);
  if (!id) return Fail(id.error());
  tx.Commit();
  std::cout << "Пользователь " << domain::NormalizeLogin(o.login) << " создан (id " << *id << ").\n";
  return 0;
}

int UserPasswd(const Config& config, const UserOptions& o) {
  service::InitCrypto();
  auto conn = OpenDatabase(config);
  storage::RequireCurrentSchema(*conn);
  auto password = ReadPassword(o.password_stdin);
  if (!password) return 1;
  service::SystemClock clock;
  storage::Transaction tx(*conn, storage::TxMode::kWrite);
  auto id = service::accounts::FindByLogin(*conn, o.login);
  if (!id) return Fail(id.error());
  if (auto st = service::accounts::SetPassword(*conn, clock, *id, *password); !st) return Fail(st.error());
  tx.Commit();
  std::cout << "Пароль пользователя " << o.login << " изменён; его сеансы завершены.\n";
  return 0;
}

int UserLock(const Config& config, const UserOptions& o) {
  auto conn = OpenDatabase(config);
  storage::RequireCurrentSchema(*conn);
  service::SystemClock clock;
  storage::Transaction tx(*conn, storage::TxMode::kWrite);
  auto id = service::accounts::FindByLogin(*conn, o.login);
  if (!id) return Fail(id.error());
  service::accounts::SetLocked(*conn, clock, *id, !o.unlock);
  tx.Commit();
  std::cout << "Пользователь " << o.login
            << (o.unlock ? " разблокирован.\n" : " заблокирован; его сеансы завершены.\n");
  return 0;
}

}  // namespace ej::cli
