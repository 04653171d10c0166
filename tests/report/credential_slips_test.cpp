#include "report/credential_slips.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "report/pdf_document.h"

namespace ej::report {
namespace {

// The text of a PDF, by poppler's pdftotext (installed by scripts/install-deps.sh).
std::string PdfText(const std::string& pdf) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto file = dir / ("ej_slips_" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  std::string text;
  if (FILE* p = ::popen(("pdftotext -layout " + file.string() + " - 2>&1").c_str(), "r")) {
    char buf[4096];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
    EXPECT_EQ(::pclose(p), 0) << "pdftotext failed (is poppler-utils installed?): " << text;
  }
  std::filesystem::remove(file);
  return text;
}

int Pages(const std::string& pdf) {
  // The page tree's /Count.
  std::smatch m;
  int count = 0;
  for (auto it = pdf.cbegin(); std::regex_search(it, pdf.cend(), m, std::regex(R"(/Type\s*/Page[^s])"));
       it = m.suffix().first) {
    ++count;
  }
  return count;
}

std::vector<CredentialSlip> Slips(int n) {
  std::vector<CredentialSlip> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({"Иванов Пётр Сергеевич " + std::to_string(i), "Ученик 7Б класса", "ivanov.ps" + std::to_string(i),
                   "K7QF-2M9" + std::string(1, static_cast<char>('A' + i % 20)), true});
  }
  return out;
}

const SlipSheet kSheet{"МБОУ «Средняя общеобразовательная школа № 7»", "https://school7.example.ru", "24.12.2026",
                       "Соколова Зоя Данииловна", "24.11.2026"};

TEST(CredentialSlipsTest, EightToAPageReadableAsText) {
  auto one = RenderCredentialSlipsPdf(Slips(1), kSheet);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->rfind("%PDF-", 0), 0u);
  EXPECT_EQ(Pages(*one), 1);
  EXPECT_EQ(Pages(*RenderCredentialSlipsPdf(Slips(8), kSheet)), 1);
  auto nine = RenderCredentialSlipsPdf(Slips(9), kSheet);
  ASSERT_TRUE(nine.ok());
  EXPECT_EQ(Pages(*nine), 2);
  const std::string text = PdfText(*nine);
  for (const char* expected :
       {"Иванов Пётр Сергеевич 0", "Иванов Пётр Сергеевич 8", "ivanov.ps8", "K7QF-2M9I", "Ученик 7Б класса",
        "school7.example.ru", "Соколова Зоя Данииловна", "Активировать учётную запись"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST(CredentialSlipsTest, LongNamesWrapAndPasswordsAreSaidToBePasswords) {
  std::vector<CredentialSlip> slips{
      {std::string(40, 'A') + " Константинопольская-Преображенская Александра-Мария Вильгельмовна",
       "Родитель (законный представитель): Константинопольский-Преображенский Иннокентий, 11Б; "
       "Константинопольская-Преображенская Евгения, 5А",
       "konstantinopolskaya-preobrazhenskaya.am", "Temp-Pass-2026", false}};
  auto pdf = RenderCredentialSlipsPdf(slips, kSheet);
  ASSERT_TRUE(pdf.ok());
  const std::string text = PdfText(*pdf);
  EXPECT_NE(text.find("Пароль"), std::string::npos) << text;
  EXPECT_NE(text.find("Temp-Pass-2026"), std::string::npos) << text;
}

TEST(CredentialSlipsTest, NothingToPrintIsAnError) {
  auto pdf = RenderCredentialSlipsPdf({}, kSheet);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, domain::ErrorCode::kInvalidValue);
}

// The process-wide font caches go at the end, so a leak checker sees only real leaks.
class FontCaches : public ::testing::Environment {
 public:
  void TearDown() override { ReleaseFontCaches(); }
};
const auto* const kFontCaches = ::testing::AddGlobalTestEnvironment(new FontCaches);

}  // namespace
}  // namespace ej::report
