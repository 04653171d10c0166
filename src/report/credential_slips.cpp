#include "report/credential_slips.h"

#include "report/pdf_document.h"

namespace ej::report {

namespace {

constexpr int kColumns = 2;
constexpr int kRows = 4;
constexpr double kMargin = 28;

}  // namespace

domain::Result<std::string> RenderCredentialSlipsPdf(const std::vector<CredentialSlip>& slips, const SlipSheet& sheet) {
  if (slips.empty()) {
    return domain::Error::WithDetail(domain::ErrorCode::kInvalidValue, "нет ни одного человека для бланков");
  }
  PdfDocument doc;
  const double slip_w = (kA4Width - 2 * kMargin) / kColumns;
  const double slip_h = (kA4Height - 2 * kMargin - 14) / kRows;
  const double pad = 12;
  const double inner = slip_w - 2 * pad;
  auto cut_lines = [&] {
    for (int c = 1; c < kColumns; ++c) {
      doc.Line(kMargin + c * slip_w, kMargin - 10, kMargin + c * slip_w, kMargin + kRows * slip_h + 10, 0.5, true);
    }
    for (int r = 0; r <= kRows; ++r) {
      doc.Line(kMargin - 10, kMargin + r * slip_h, kA4Width - kMargin + 10, kMargin + r * slip_h, 0.5, true);
    }
    std::string footer = "✂ Разрежьте по пунктиру. ";
    if (!sheet.issued_by.empty()) footer += "Выдал: " + sheet.issued_by + ". ";
    if (!sheet.issued_on.empty()) footer += "Дата: " + sheet.issued_on + ".";
    doc.Text(kMargin, kA4Height - kMargin - 6, kA4Width - 2 * kMargin, footer,
             {"PT Sans 7", TextStyle::Align::kLeft, true, 0.3});
  };
  for (size_t i = 0; i < slips.size(); ++i) {
    const int cell = static_cast<int>(i % (kColumns * kRows));
    if (i > 0 && cell == 0) doc.NextPage();
    if (cell == 0) cut_lines();
    const CredentialSlip& s = slips[i];
    const double x = kMargin + (cell % kColumns) * slip_w + pad;
    double y = kMargin + static_cast<double>(cell / kColumns) * slip_h + pad - 2;
    y += doc.Text(x, y, inner, sheet.school_name, {"PT Sans 7.5", TextStyle::Align::kLeft, true, 0.35});
    y += doc.Text(x, y, inner, "Вход в электронный дневник", {"PT Sans Bold 10", TextStyle::Align::kLeft, true});
    y += 3;
    y += doc.Text(x, y, inner, s.full_name, {"PT Sans Bold 11.5", TextStyle::Align::kLeft, false});
    y += doc.Text(x, y, inner, s.role_line, {"PT Sans 8", TextStyle::Align::kLeft, false, 0.2});
    y += 5;
    doc.Text(x, y + 2, 70, "Логин:", {"PT Sans 9"});
    y += doc.Text(x + 70, y, inner - 70, s.login, {"PT Mono Bold 13", TextStyle::Align::kLeft, true});
    doc.Text(x, y + 3, 70, s.secret_is_activation_code ? "Код:" : "Пароль:", {"PT Sans 9"});
    y += doc.Text(x + 70, y, inner - 70, s.secret, {"PT Mono Bold 15", TextStyle::Align::kLeft, true});
    y += 4;
    if (!sheet.site_url.empty())
      y += doc.Text(x, y, inner, "Адрес: " + sheet.site_url, {"PT Sans 8.5", TextStyle::Align::kLeft, true});
    const std::string how =
        s.secret_is_activation_code
            ? "Откройте сайт, нажмите «Активировать учётную запись», введите логин и код, придумайте пароль. "
              "Код действует один раз" +
                  (sheet.valid_until.empty() ? std::string(".") : ", до " + sheet.valid_until + ".")
            : "Войдите с этим паролем; при первом входе смените его в профиле.";
    doc.Text(x, y, inner, how, {"PT Sans 7.5", TextStyle::Align::kLeft, false, 0.15});
  }
  return doc.Finish();
}

}  // namespace ej::report
