// Tables read from files people upload: CSV (any encoding Russian offices
// produce) and XLSX (as Excel and LibreOffice write it). Bytes in, cells out;
// no file system, no network.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace ej::formats {

struct Row {
  int line = 0;                    // 1-based line (CSV) or row number (XLSX) in the file, for messages
  std::vector<std::string> cells;  // UTF-8, trimmed
};

struct Table {
  std::vector<Row> rows;
  std::string format;    // "CSV" or "XLSX"
  std::string encoding;  // CSV: "UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE", "windows-1251"
  char separator = 0;    // CSV
  std::string sheet;     // XLSX: the sheet read
};

struct DecodedText {
  std::string utf8;
  std::string encoding;
};

// UTF-8 (with or without a BOM), UTF-16 with a BOM, or else Windows-1251
// (what Russian Excel saves as "CSV"). Binary data is refused.
domain::Result<DecodedText> DecodeText(std::string_view bytes);

// RFC 4180 CSV: quotes, doubled quotes, separators and line breaks inside
// quotes, CRLF/LF/CR. separator 0: the one of ; , TAB | that the first line
// uses most (outside quotes). Empty lines are dropped.
domain::Result<Table> ParseCsv(std::string_view utf8, char separator = 0);

// The limits an XLSX file must stay within (zip bombs).
struct XlsxLimits {
  size_t max_uncompressed = 64u << 20;
  size_t max_cells = 1'000'000;
};

// The first worksheet of an XLSX workbook. Shared and inline strings,
// numbers (integers without ".0"), booleans, dates (cells with a date
// format) as "YYYY-MM-DD". .xls (Excel 97-2003), encrypted workbooks and
// other zips are refused with a message saying what the file is.
domain::Result<Table> ReadXlsx(std::string_view bytes, const XlsxLimits& limits = {});

// By content, checked against the name's extension: a zip is read as XLSX,
// text as CSV. A file that is not what its name says is refused.
domain::Result<Table> ReadTableFile(std::string_view bytes, std::string_view file_name);

}  // namespace ej::formats
