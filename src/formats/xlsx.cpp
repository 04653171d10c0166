#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <pugixml.hpp>

#include "domain/calendar.h"
#include "domain/utf8.h"
#include "formats/table.h"

namespace ej::formats {

using domain::Error;
using domain::ErrorCode;

namespace {

Error Bad(const std::string& detail) { return Error::WithDetail(ErrorCode::kImportBadFile, detail); }

// The zip archive in memory, its parts read within a size budget.
class Archive {
 public:
  static domain::Result<std::unique_ptr<Archive>> Open(std::string_view bytes, size_t budget) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) return Bad("файл не удалось открыть как архив");
    zip_t* zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    zip_error_fini(&error);
    if (!zip) {
      zip_source_free(source);
      return Bad("файл повреждён: это не целый архив XLSX");
    }
    return std::unique_ptr<Archive>(new Archive(zip, budget));
  }
  ~Archive() { zip_discard(zip_); }

  bool Has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }

  domain::Result<std::string> Read(const std::string& name) {
    const zip_int64_t index = zip_name_locate(zip_, name.c_str(), 0);
    if (index < 0) return Bad("в книге нет части " + name);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
      return Bad("часть " + name + " не читается");
    }
    if (st.size > budget_) return Bad("книга слишком велика в распакованном виде");
    zip_file_t* file = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (!file) return Bad("часть " + name + " не читается (архив защищён паролем или повреждён)");
    std::string data(static_cast<size_t>(st.size), '\0');
    const zip_int64_t n = zip_fread(file, data.data(), data.size());
    zip_fclose(file);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) return Bad("часть " + name + " повреждена");
    budget_ -= data.size();
    return data;
  }

 private:
  Archive(zip_t* zip, size_t budget) : zip_(zip), budget_(budget) {}
  zip_t* zip_;
  size_t budget_;
};

// Element names without a namespace prefix ("x:row" -> "row").
std::string_view Local(const char* name) {
  std::string_view n(name);
  const size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c : node.children()) {
    if (Local(c.name()) == name) return c;
  }
  return {};
}

domain::Result<pugi::xml_document*> Parse(pugi::xml_document& doc, const std::string& xml, const std::string& part) {
  if (!doc.load_buffer(xml.data(), xml.size())) return Bad("часть " + part + " не является корректным XML");
  return &doc;
}

// All the text of a shared or inline string: <t> or rich-text runs <r><t>.
std::string StringItem(pugi::xml_node si) {
  std::string out;
  for (pugi::xml_node c : si.children()) {
    const auto name = Local(c.name());
    if (name == "t") {
      out += c.text().get();
    } else if (name == "r") {
      if (auto t = Child(c, "t")) out += t.text().get();
    }
  }
  return out;
}

// Whether a number format shows a date: built-in 14-22, 45-47, or a code
// with d, m or y outside quotes and [brackets].
bool IsDateFormat(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  if (code.empty()) return false;
  bool quoted = false;
  bool bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[') bracket = true;
    if (c == ']') bracket = false;
    if (bracket) continue;
    if (c == 'd' || c == 'D' || c == 'y' || c == 'Y' || c == 'm' || c == 'M') return true;
  }
  return false;
}

std::string FormatNumber(double v) {
  if (std::isfinite(v) && std::fabs(v) < 1e15 && v == std::floor(v)) {
    return std::to_string(static_cast<long long>(v));
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string SerialToDate(double serial, bool date1904) {
  const long days = static_cast<long>(std::floor(serial));
  domain::Date d;
  if (date1904) {
    d = date::sys_days{date::year{1904} / 1 / 1} + date::days{days};
  } else if (days < 60) {
    d = date::sys_days{date::year{1899} / 12 / 31} + date::days{days};
  } else {
    // Excel counts a 29 February 1900 that never was.
    d = date::sys_days{date::year{1899} / 12 / 30} + date::days{days};
  }
  return domain::FormatDate(d);
}

// "BC12" -> 54 (0-based column).
int ColumnOf(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  return i == 0 ? -1 : col - 1;
}

// Target of a relationship, as a part name in the zip.
std::string PartName(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

}  // namespace

domain::Result<Table> ReadXlsx(std::string_view bytes, const XlsxLimits& limits) {
  if (bytes.substr(0, 4) == "\xD0\xCF\x11\xE0") {
    return Bad("это файл Excel 97–2003 (.xls) или книга, защищённая паролем; сохраните её как .xlsx без пароля");
  }
  if (bytes.substr(0, 4) != "PK\x03\x04") return Bad("это не книга Excel (.xlsx)");
  auto archive = Archive::Open(bytes, limits.max_uncompressed);
  if (!archive) return archive.error();
  Archive& zip = **archive;
  if (!zip.Has("xl/workbook.xml")) {
    if (zip.Has("word/document.xml")) return Bad("это документ Word (.docx), а не книга Excel");
    if (zip.Has("content.xml")) return Bad("это файл OpenDocument (.ods/.odt); сохраните его как .xlsx");
    return Bad("это архив, но не книга Excel (.xlsx)");
  }
  // The first sheet and where it lives.
  auto workbook_xml = zip.Read("xl/workbook.xml");
  if (!workbook_xml) return workbook_xml.error();
  pugi::xml_document workbook;
  if (auto ok = Parse(workbook, *workbook_xml, "xl/workbook.xml"); !ok) return ok.error();
  pugi::xml_node wb = workbook.document_element();
  const bool date1904 = Child(wb, "workbookPr").attribute("date1904").as_bool();
  pugi::xml_node first_sheet = Child(Child(wb, "sheets"), "sheet");
  if (!first_sheet) return Bad("в книге нет ни одного листа");
  std::string sheet_name = first_sheet.attribute("name").as_string();
  std::string rel_id;
  for (pugi::xml_attribute a : first_sheet.attributes()) {
    if (Local(a.name()) == "id") rel_id = a.as_string();
  }
  std::string sheet_part = "xl/worksheets/sheet1.xml";
  if (zip.Has("xl/_rels/workbook.xml.rels")) {
    auto rels_xml = zip.Read("xl/_rels/workbook.xml.rels");
    if (!rels_xml) return rels_xml.error();
    pugi::xml_document rels;
    if (auto ok = Parse(rels, *rels_xml, "xl/_rels/workbook.xml.rels"); !ok) return ok.error();
    for (pugi::xml_node r : rels.document_element().children()) {
      if (r.attribute("Id").as_string() == rel_id) sheet_part = PartName(r.attribute("Target").as_string());
    }
  }
  // Shared strings.
  std::vector<std::string> shared;
  if (zip.Has("xl/sharedStrings.xml")) {
    auto xml = zip.Read("xl/sharedStrings.xml");
    if (!xml) return xml.error();
    pugi::xml_document doc;
    if (auto ok = Parse(doc, *xml, "xl/sharedStrings.xml"); !ok) return ok.error();
    for (pugi::xml_node si : doc.document_element().children()) {
      if (Local(si.name()) == "si") shared.push_back(StringItem(si));
    }
  }
  // Which cell styles are dates.
  std::vector<bool> date_style;
  if (zip.Has("xl/styles.xml")) {
    auto xml = zip.Read("xl/styles.xml");
    if (!xml) return xml.error();
    pugi::xml_document doc;
    if (auto ok = Parse(doc, *xml, "xl/styles.xml"); !ok) return ok.error();
    std::map<int, std::string> codes;
    for (pugi::xml_node f : Child(doc.document_element(), "numFmts").children()) {
      codes[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").as_string();
    }
    for (pugi::xml_node xf : Child(doc.document_element(), "cellXfs").children()) {
      const int id = xf.attribute("numFmtId").as_int();
      auto it = codes.find(id);
      date_style.push_back(IsDateFormat(id, it == codes.end() ? "" : it->second));
    }
  }
  auto sheet_xml = zip.Read(sheet_part);
  if (!sheet_xml) return sheet_xml.error();
  pugi::xml_document sheet;
  if (auto ok = Parse(sheet, *sheet_xml, sheet_part); !ok) return ok.error();
  Table table;
  table.format = "XLSX";
  table.sheet = sheet_name;
  size_t cells = 0;
  int next_row = 1;
  for (pugi::xml_node r : Child(sheet.document_element(), "sheetData").children()) {
    if (Local(r.name()) != "row") continue;
    Row row;
    row.line = r.attribute("r").as_int(next_row);
    next_row = row.line + 1;
    for (pugi::xml_node c : r.children()) {
      if (Local(c.name()) != "c") continue;
      if (++cells > limits.max_cells) return Bad("в книге слишком много ячеек");
      int col = ColumnOf(c.attribute("r").as_string());
      if (col < 0) col = static_cast<int>(row.cells.size());
      if (col > 16383) return Bad("неверная ссылка на ячейку");
      const std::string type = c.attribute("t").as_string();
      const char* v = Child(c, "v").text().get();
      std::string value;
      if (type == "s") {
        const auto index = static_cast<size_t>(std::atol(v));
        if (index >= shared.size())
          return Bad("ячейка " + std::string(c.attribute("r").as_string()) + " ссылается на несуществующую строку");
        value = shared[index];
      } else if (type == "inlineStr") {
        value = StringItem(Child(c, "is"));
      } else if (type == "str" || type == "e") {
        value = v;
      } else if (type == "b") {
        value = std::string(v) == "1" ? "ИСТИНА" : "ЛОЖЬ";
      } else if (type == "d") {
        value = std::string(v).substr(0, 10);
      } else if (*v) {
        double number = 0;
        auto [end, ec] = std::from_chars(v, v + std::strlen(v), number);
        if (ec != std::errc()) {
          value = v;
        } else {
          const auto style = static_cast<size_t>(c.attribute("s").as_int(0));
          value =
              style < date_style.size() && date_style[style] ? SerialToDate(number, date1904) : FormatNumber(number);
        }
      }
      if (static_cast<size_t>(col) >= row.cells.size()) row.cells.resize(static_cast<size_t>(col) + 1);
      row.cells[static_cast<size_t>(col)] = std::string(domain::Trim(value));
    }
    const bool empty = std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& s) { return s.empty(); });
    if (!empty) table.rows.push_back(std::move(row));
  }
  return table;
}

domain::Result<Table> ReadTableFile(std::string_view bytes, std::string_view file_name) {
  std::string ext;
  if (auto dot = file_name.rfind('.'); dot != std::string_view::npos) {
    for (char c : file_name.substr(dot + 1))
      ext.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  const bool zip = bytes.substr(0, 4) == "PK\x03\x04";
  const bool cfb = bytes.substr(0, 4) == "\xD0\xCF\x11\xE0";
  if (ext == "xls" || cfb) return ReadXlsx(bytes);  // says what .xls is
  if (ext == "xlsx" && !zip) return Bad("файл назван .xlsx, но это не книга Excel (похоже на текст)");
  if (zip) {
    if (ext == "csv" || ext == "txt")
      return Bad("файл назван ." + ext + ", но это архив (книга Excel?): проверьте файл");
    return ReadXlsx(bytes);
  }
  if (!ext.empty() && ext != "csv" && ext != "txt" && ext != "tsv") {
    return Bad("файлы ." + ext + " не читаются: нужен CSV или XLSX");
  }
  auto text = DecodeText(bytes);
  if (!text) return text.error();
  auto table = ParseCsv(text->utf8);
  if (!table) return table.error();
  table->encoding = text->encoding;
  return table;
}

}  // namespace ej::formats
