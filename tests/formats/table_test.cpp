#include "formats/table.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace ej::formats {
namespace {

std::string Data(const std::string& name) {
  std::ifstream in(std::string(EJ_TEST_DATA) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ErrorOf(const domain::Result<Table>& r) { return r.ok() ? "" : r.error().message; }

TEST(TableTest, RussianExcelCsvInWindows1251WithSemicolons) {
  auto t = ReadTableFile(Data("roster_cp1251.csv"), "Список 5Д.csv");
  ASSERT_TRUE(t.ok()) << ErrorOf(t);
  EXPECT_EQ(t->format, "CSV");
  EXPECT_EQ(t->encoding, "windows-1251");
  EXPECT_EQ(t->separator, ';');
  ASSERT_EQ(t->rows.size(), 5u);
  EXPECT_EQ(t->rows[0].cells[0], "Фамилия");
  EXPECT_EQ(t->rows[1].cells[0], "Абрамова");
  EXPECT_EQ(t->rows[4].cells[0], "Ёлкина");  // quoted, Ё survives
  EXPECT_EQ(t->rows[4].cells[2], "");
  EXPECT_EQ(t->rows[4].line, 5);
}

TEST(TableTest, Utf8WithBomAndCommas) {
  auto t = ReadTableFile(Data("roster_utf8_bom.csv"), "roster.csv");
  ASSERT_TRUE(t.ok()) << ErrorOf(t);
  EXPECT_EQ(t->encoding, "UTF-8 BOM");
  EXPECT_EQ(t->separator, ',');
  EXPECT_EQ(t->rows[0].cells[0], "Фамилия");  // no BOM glued to the first header
  EXPECT_EQ(t->rows[2].cells[11], "");
}

TEST(TableTest, CsvQuotingRules) {
  auto t = ParseCsv("a;\"b;c\";\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\";  x  ;\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].cells, (std::vector<std::string>{"a", "b;c", "say \"hi\""}));
  EXPECT_EQ(t->rows[1].cells, (std::vector<std::string>{"multi\nline", "x", ""}));
  EXPECT_EQ(t->rows[1].line, 3);
  EXPECT_EQ(ParseCsv("a|b|c\n1|2|3\n")->separator, '|');
  EXPECT_EQ(ParseCsv("a\tb\n")->separator, '\t');
  auto open = ParseCsv("a;b\n1;\"unterminated\n2;3\n");
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.error().message.find("строка 2"), std::string::npos) << open.error().message;
}

TEST(TableTest, DecodingUtf16AndRefusingBinary) {
  // "Имя" in UTF-16LE with a BOM.
  const std::string utf16("\xFF\xFE\x18\x04\x3C\x04\x4F\x04", 8);
  auto text = DecodeText(utf16);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->utf8, "Имя");
  EXPECT_EQ(text->encoding, "UTF-16LE");
  EXPECT_FALSE(DecodeText(std::string("\x01\x00\x02\x00binary", 10)).ok());
}

TEST(TableTest, XlsxAsExcelWritesIt) {
  auto t = ReadTableFile(Data("roster.xlsx"), "roster.xlsx");
  ASSERT_TRUE(t.ok()) << ErrorOf(t);
  EXPECT_EQ(t->format, "XLSX");
  EXPECT_EQ(t->sheet, "Список учащихся");
  ASSERT_EQ(t->rows.size(), 4u);  // the empty row is dropped
  EXPECT_EQ(t->rows[1].cells[0], "Григорьев");
  EXPECT_EQ(t->rows[1].cells[3], "2015-03-10");    // a date cell, built-in format 14
  EXPECT_EQ(t->rows[1].cells[10], "89120000001");  // a number, no ".0", no exponent
  EXPECT_EQ(t->rows[2].cells[2], "Андреевна");     // an inline string
  EXPECT_EQ(t->rows[2].cells[3], "2015-07-01");    // a custom dd.mm.yyyy format
  EXPECT_EQ(t->rows[3].line, 5);
  EXPECT_EQ(t->rows[3].cells[2], "");            // a gap
  EXPECT_EQ(t->rows[3].cells[3], "15.09.2014");  // a date typed as text stays text
}

TEST(TableTest, FilesThatAreNotWhatTheyClaim) {
  EXPECT_NE(ErrorOf(ReadTableFile(Data("document_named.xlsx"), "roster.xlsx")).find("Word"), std::string::npos);
  EXPECT_NE(ErrorOf(ReadTableFile(Data("text_named.xlsx"), "roster.xlsx")).find("не книга Excel"), std::string::npos);
  EXPECT_NE(ErrorOf(ReadTableFile(Data("roster.xlsx"), "roster.csv")).find("архив"), std::string::npos);
  EXPECT_NE(ErrorOf(ReadTableFile(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), "old.xls")).find(".xls"),
            std::string::npos);
  EXPECT_FALSE(ReadTableFile("whatever", "photo.jpg").ok());
  // A cut-off download.
  const std::string whole = Data("roster.xlsx");
  EXPECT_FALSE(ReadTableFile(whole.substr(0, whole.size() / 2), "roster.xlsx").ok());
  // More than the limits allow: refused, not read.
  XlsxLimits tiny;
  tiny.max_uncompressed = 1000;
  EXPECT_NE(ErrorOf(ReadXlsx(whole, tiny)).find("велика"), std::string::npos);
  tiny = {};
  tiny.max_cells = 10;
  EXPECT_NE(ErrorOf(ReadXlsx(whole, tiny)).find("ячеек"), std::string::npos);
}

}  // namespace
}  // namespace ej::formats
