// The journal's server time on a release build with SQLite (issue 5 targets:
// a grid of 30 students x 45 lessons x ~300 marks under 5 ms; a mark saved
// with its event and the commit under 3 ms).
//
//   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEJ_BENCH=ON
//   cmake --build build --target journal_bench && build/bench/journal_bench
//
// The demo school is generated into a temporary SQLite file (synchronous=FULL,
// as `serve` runs it) with classes of about 30; the journal is the class and
// subject (grades 5-9) with the most lessons in the third quarter; "today" is
// the period's last day, so every lesson has been held.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <random>

#include "demo/demo.h"
#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "service/journal/journal_service.h"
#include "service/journal/mark_service.h"
#include "storage/migrate.h"

namespace {

using namespace ej;
using storage::Value;

class BenchClock final : public service::Clock {
 public:
  int64_t Now() const override { return now; }
  std::string Today() const override { return today; }
  int64_t now = 1'795'000'000;
  std::string today = "2026-11-18";
};

service::NewMark OralMark(int64_t lesson, int64_t student, std::string value, int64_t work_type) {
  service::NewMark m;
  m.lesson_id = lesson;
  m.student_id = student;
  m.value = std::move(value);
  m.work_type_id = work_type;
  return m;
}

struct Fixture {
  std::string path;
  BenchClock clock;
  std::unique_ptr<storage::Connection> conn;
  int64_t journal = 0;
  domain::Actor teacher;
  std::vector<int64_t> lessons, students;
  int64_t work_type = 0;
  std::unique_ptr<service::JournalService> journals;
  std::unique_ptr<service::MarkService> marks;

  Fixture() {
    service::InitCrypto();
    path = (std::filesystem::temp_directory_path() / ("ej_bench_" + std::to_string(getpid()) + ".db")).string();
    conn = storage::Open({storage::Backend::kSqlite, path});
    storage::ApplyMigrations(*conn);
    // Classes of about 30, as the targets are stated for.
    service::DemoSize size;
    size.students_per_school = 960;
    size.journal = false;  // the journal below gets exactly the marks the targets speak of
    service::GenerateDemo(*conn, clock, size);
    // The subject of 7Б with the most lessons in the third quarter (the longest).
    auto j = conn->QueryOne(
        "SELECT j.id, p.ends_on, COUNT(l.id) AS n FROM journals j JOIN classes c ON c.id = j.class_id"
        " JOIN study_periods p ON p.year_id = j.year_id AND p.kind = j.period_kind AND p.number = j.period_number"
        " AND p.grade_from <= j.grade AND p.grade_to >= j.grade"
        " JOIN lessons l ON l.class_id = j.class_id AND l.subject_id = j.subject_id"
        " AND l.lesson_date BETWEEN p.starts_on AND p.ends_on"
        " WHERE c.grade BETWEEN 5 AND 9 AND j.period_number = 3"
        " GROUP BY j.id, p.ends_on ORDER BY n DESC LIMIT 1");
    journal = j->Int(0);
    clock.today = j->Text(1);
    const int64_t teacher_id = conn->QueryOne(
                                       "SELECT l.teacher_id FROM lessons l JOIN journals j ON l.class_id = j.class_id "
                                       "AND l.subject_id = j.subject_id"
                                       " WHERE j.id = $1 LIMIT 1",
                                       {Value{journal}})
                                   ->Int(0);
    teacher = service::LoadPrincipal(*conn, teacher_id, clock.today)->actor;
    journals = std::make_unique<service::JournalService>(clock);
    marks = std::make_unique<service::MarkService>(clock);
    auto grid = journals->Grid(*conn, teacher, journal);
    for (const auto& l : grid->lessons) lessons.push_back(l.id);
    for (const auto& s : grid->students) students.push_back(s.id);
    work_type = conn->QueryOne("SELECT id FROM work_types WHERE code = 'oral' LIMIT 1")->Int(0);
    // About 300 marks, spread as a teacher would: a few students per lesson.
    std::mt19937 rng(7);
    int saved = 0;
    for (int64_t lesson : lessons) {
      for (int k = 0; k < 8 && saved < 300; ++k) {
        if (marks->Add(*conn, teacher,
                       OralMark(lesson, students[rng() % students.size()], std::to_string(2 + rng() % 4), work_type))) {
          ++saved;
        }
      }
    }
    std::cerr << "journal " << journal << ": " << students.size() << " students, " << lessons.size() << " lessons, "
              << saved << " marks\n";
  }
  ~Fixture() {
    conn.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

Fixture& TheFixture() {
  static Fixture f;
  return f;
}

void BM_JournalGrid(benchmark::State& state) {
  Fixture& f = TheFixture();
  for (auto _ : state) {
    auto grid = f.journals->Grid(*f.conn, f.teacher, f.journal);
    if (!grid || grid->marks.empty()) state.SkipWithError("no grid");
    benchmark::DoNotOptimize(grid);
  }
}
BENCHMARK(BM_JournalGrid)->Unit(benchmark::kMillisecond);

void BM_SaveMark(benchmark::State& state) {
  Fixture& f = TheFixture();
  size_t i = 0;
  for (auto _ : state) {
    auto saved = f.marks->Add(
        *f.conn, f.teacher,
        OralMark(f.lessons[i % f.lessons.size()], f.students[(i * 7) % f.students.size()], "4", f.work_type));
    ++i;
    if (!saved) state.SkipWithError(saved.error().message.c_str());
  }
}
BENCHMARK(BM_SaveMark)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
