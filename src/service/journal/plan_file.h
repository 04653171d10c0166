// A calendar-thematic plan as teachers keep it in a spreadsheet: the topics
// of a CSV or XLSX file (columns «№», «Раздел», «Тема», «Часы», «Дата»), with
// the bad rows listed by line. Reads only the file.
#pragma once

#include "domain/result.h"
#include "service/journal/plan_service.h"

namespace ej::service::plans {

inline constexpr size_t kMaxTopics = 400;

// The topics and the rows that could not be read; a file with no topic, or
// more than kMaxTopics, is refused (import.bad_file).
domain::Result<PlanImport> ReadPlanFile(const ImportFile& file);

}  // namespace ej::service::plans
