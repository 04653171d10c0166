// A printable A4 document built in memory with cairo and Pango: text boxes
// that wrap (Cyrillic through fontconfig: PT Sans, PT Mono, DejaVu as the
// fallback), lines and frames, pages. The PDF bytes come out of Finish().
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ej::report {

// Points (1/72 inch). A4 portrait.
inline constexpr double kA4Width = 595.28;
inline constexpr double kA4Height = 841.89;

struct TextStyle {
  std::string font = "PT Sans 10";  // a Pango font description: family, style, size
  enum class Align { kLeft, kCenter, kRight } align = Align::kLeft;
  bool ellipsize = false;  // one line, cut with "…", instead of wrapping
  double gray = 0.0;       // 0 black .. 1 white
};

class PdfDocument {
 public:
  PdfDocument(double width = kA4Width, double height = kA4Height);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // Draws `text` in a box `width` wide with its top-left corner at (x, y);
  // returns the height it took.
  double Text(double x, double y, double width, std::string_view text, const TextStyle& style = {});
  void Line(double x1, double y1, double x2, double y2, double line_width = 0.5, bool dashed = false);
  void Frame(double x, double y, double width, double height, double line_width = 0.7);
  void NextPage();
  int pages() const { return pages_; }
  // Ends the document; the PDF file's bytes.
  std::string Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int pages_ = 1;
};

// Releases the font caches fontconfig, Pango and cairo keep for the whole
// process. Call once at exit (the server's shutdown, a test program's end):
// afterwards nothing may be rendered. Without it a leak checker reports
// those caches as leaks.
void ReleaseFontCaches();

}  // namespace ej::report
