#include "formats/fet.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <pugixml.hpp>

#include "domain/utf8.h"
#include "formats/table.h"

namespace ej::formats {

using domain::Error;
using domain::ErrorCode;

namespace {

std::string Lower(std::string_view s) {
  std::string out(domain::Trim(s));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::string> SplitPlus(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t plus = std::min(s.find('+', start), s.size());
    std::string part(domain::Trim(std::string_view(s).substr(start, plus - start)));
    if (!part.empty()) out.push_back(std::move(part));
    start = plus + 1;
  }
  return out;
}

}  // namespace

domain::Result<std::vector<FetPlacement>> ParseFetTimetableCsv(std::string_view bytes) {
  auto text = DecodeText(bytes);
  if (!text) return text.error();
  auto table = ParseCsv(text->utf8);
  if (!table) return table.error();
  if (table->rows.empty()) return Error::WithDetail(ErrorCode::kImportBadFile, "файл пустой");
  static const std::pair<const char*, const char*> kColumns[] = {
      {"activity id", "Activity Id"},     {"day", "Day"},         {"hour", "Hour"},
      {"students sets", "Students Sets"}, {"subject", "Subject"}, {"teachers", "Teachers"},
      {"activity tags", "Activity Tags"}, {"room", "Room"},       {"comments", "Comments"}};
  std::map<std::string, size_t> index;
  const Row& header = table->rows.front();
  for (size_t i = 0; i < header.cells.size(); ++i) index.emplace(Lower(header.cells[i]), i);
  std::string missing;
  for (const auto& [key, title] : kColumns) {
    const std::string k = key;
    const bool optional = k == "activity tags" || k == "comments" || k == "room";
    if (!index.count(k) && !optional) missing += (missing.empty() ? "" : ", ") + std::string(title);
  }
  if (!missing.empty()) {
    return Error::WithDetail(ErrorCode::kImportBadFile,
                             "это не выгрузка расписания FET (<имя>_timetable.csv): нет столбцов " + missing);
  }
  auto cell = [&](const Row& row, const char* key) -> std::string {
    auto it = index.find(key);
    if (it == index.end() || it->second >= row.cells.size()) return {};
    return row.cells[it->second];
  };
  std::vector<FetPlacement> out;
  for (size_t i = 1; i < table->rows.size(); ++i) {
    const Row& row = table->rows[i];
    FetPlacement p;
    p.line = row.line;
    p.activity_id = cell(row, "activity id");
    p.day = cell(row, "day");
    p.hour = cell(row, "hour");
    p.students_sets = SplitPlus(cell(row, "students sets"));
    p.subject = cell(row, "subject");
    p.teachers = SplitPlus(cell(row, "teachers"));
    p.tags = SplitPlus(cell(row, "activity tags"));
    p.room = cell(row, "room");
    p.comments = cell(row, "comments");
    out.push_back(std::move(p));
  }
  return out;
}

namespace {

// The children of `node` named `name`, as trimmed texts.
std::vector<std::string> Texts(pugi::xml_node node, const char* name) {
  std::vector<std::string> out;
  for (pugi::xml_node c : node.children(name)) {
    std::string t(domain::Trim(c.text().get()));
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

std::string Text(pugi::xml_node node, const char* name) {
  return std::string(domain::Trim(node.child(name).text().get()));
}

// Days_List and Hours_List: <Day><Name>..</Name></Day> (FET 5.x and 6.x) or
// bare <Name> children (older files).
std::vector<std::string> Names(pugi::xml_node list, const char* item) {
  std::vector<std::string> out;
  for (pugi::xml_node c : list.children()) {
    if (std::string_view(c.name()) == item) out.emplace_back(domain::Trim(c.child("Name").text().get()));
    if (std::string_view(c.name()) == "Name") out.emplace_back(domain::Trim(c.text().get()));
  }
  return out;
}

domain::Result<bool> Load(pugi::xml_document& doc, std::string_view bytes, const char* what) {
  pugi::xml_parse_result parsed = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    return Error::WithDetail(ErrorCode::kImportBadFile,
                             std::string(what) + ": не читается как XML (" + parsed.description() + ")");
  }
  return true;
}

int LineAt(std::string_view bytes, ptrdiff_t offset) {
  if (offset < 0) return 0;
  const size_t end = std::min(bytes.size(), static_cast<size_t>(offset));
  return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(end), '\n'));
}

bool True(const std::string& s) { return Lower(s) != "false"; }

}  // namespace

FetXmlKind DetectFetXml(std::string_view bytes) {
  pugi::xml_document doc;
  if (!doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_auto)) return FetXmlKind::kNone;
  const std::string_view root = doc.document_element().name();
  if (root == "fet") return FetXmlKind::kData;
  if (root == "Activities_Timetable") return FetXmlKind::kActivities;
  return FetXmlKind::kNone;
}

domain::Result<std::vector<FetPlacement>> ParseFetTimetableXml(std::string_view data_fet,
                                                               std::string_view activities_xml) {
  pugi::xml_document data;
  if (auto ok = Load(data, data_fet, "файл данных FET"); !ok) return ok.error();
  const pugi::xml_node fet = data.child("fet");
  if (!fet) return Error::WithDetail(ErrorCode::kImportBadFile, "это не файл данных FET (.fet): нет элемента <fet>");
  const std::vector<std::string> hours = Names(fet.child("Hours_List"), "Hour");
  if (hours.empty()) return Error::WithDetail(ErrorCode::kImportBadFile, "в файле FET нет списка часов (Hours_List)");

  struct Place {
    std::string day, hour, room;
  };
  std::map<std::string, Place> places;
  if (!activities_xml.empty()) {
    pugi::xml_document placed;
    if (auto ok = Load(placed, activities_xml, "<имя>_activities.xml"); !ok) return ok.error();
    const pugi::xml_node root = placed.child("Activities_Timetable");
    if (!root) {
      return Error::WithDetail(ErrorCode::kImportBadFile,
                               "это не расписание FET (<имя>_activities.xml): нет элемента <Activities_Timetable>");
    }
    for (pugi::xml_node a : root.children("Activity")) {
      Place p{Text(a, "Day"), Text(a, "Hour"), Text(a, "Room")};
      if (p.room.empty()) {
        auto real = Texts(a, "Real_Room");
        if (!real.empty()) p.room = real.front();
      }
      places[Text(a, "Id")] = std::move(p);
    }
  } else {
    for (pugi::xml_node c : fet.child("Time_Constraints_List").children("ConstraintActivityPreferredStartingTime")) {
      if (!True(Text(c, "Active"))) continue;
      Place& p = places[Text(c, "Activity_Id")];
      p.day = Text(c, "Preferred_Day");
      p.hour = Text(c, "Preferred_Hour");
    }
    for (pugi::xml_node c : fet.child("Space_Constraints_List").children("ConstraintActivityPreferredRoom")) {
      if (!True(Text(c, "Active"))) continue;
      auto it = places.find(Text(c, "Activity_Id"));
      if (it != places.end()) it->second.room = Text(c, "Room");
    }
  }

  std::vector<FetPlacement> out;
  for (pugi::xml_node a : fet.child("Activities_List").children("Activity")) {
    if (!True(Text(a, "Active"))) continue;
    FetPlacement base;
    base.line = LineAt(data_fet, a.offset_debug());
    base.activity_id = Text(a, "Id");
    base.subject = Text(a, "Subject");
    base.teachers = Texts(a, "Teacher");
    base.students_sets = Texts(a, "Students");
    base.tags = Texts(a, "Activity_Tag");
    base.comments = Text(a, "Comments");
    auto place = places.find(base.activity_id);
    if (place == places.end() || place->second.day.empty() || place->second.hour.empty()) {
      return Error::WithDetail(
          ErrorCode::kImportBadFile,
          "занятие " + base.activity_id + " (строка " + std::to_string(base.line) +
              ") не размещено: нужен результат FET — <имя>_data_and_timetable.fet или файл данных вместе с "
              "<имя>_activities.xml");
    }
    base.day = place->second.day;
    base.room = place->second.room;
    int duration = 1;
    if (const std::string d = Text(a, "Duration"); !d.empty()) {
      auto [end, ec] = std::from_chars(d.data(), d.data() + d.size(), duration);
      if (ec != std::errc() || end != d.data() + d.size() || duration < 1 || duration > 12) {
        return Error::WithDetail(ErrorCode::kImportBadFile,
                                 "занятие " + base.activity_id + ": длительность «" + d + "»");
      }
    }
    auto first = std::find(hours.begin(), hours.end(), place->second.hour);
    if (first == hours.end()) {
      // Not a name of Hours_List: let the school's matching report it.
      base.hour = place->second.hour;
      out.push_back(std::move(base));
      continue;
    }
    for (int i = 0; i < duration; ++i) {
      if (first + i == hours.end()) {
        return Error::WithDetail(ErrorCode::kImportBadFile,
                                 "занятие " + base.activity_id + " выходит за последний час дня");
      }
      FetPlacement p = base;
      p.hour = *(first + i);
      out.push_back(std::move(p));
    }
  }
  if (out.empty()) return Error::WithDetail(ErrorCode::kImportBadFile, "в файле FET нет занятий (Activities_List)");
  return out;
}

}  // namespace ej::formats
