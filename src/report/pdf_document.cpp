#include "report/pdf_document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include <stdexcept>

namespace ej::report {

struct PdfDocument::Impl {
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  bool finished = false;

  static cairo_status_t Write(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<Impl*>(closure)->bytes.append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  }
};

PdfDocument::PdfDocument(double width, double height) : impl_(std::make_unique<Impl>()) {
  impl_->surface = cairo_pdf_surface_create_for_stream(&Impl::Write, impl_.get(), width, height);
  impl_->cr = cairo_create(impl_->surface);
  if (cairo_status(impl_->cr) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cairo: cannot create a PDF surface");
}

PdfDocument::~PdfDocument() {
  if (impl_->cr) cairo_destroy(impl_->cr);
  if (impl_->surface) cairo_surface_destroy(impl_->surface);
}

double PdfDocument::Text(double x, double y, double width, std::string_view text, const TextStyle& style) {
  cairo_t* cr = impl_->cr;
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string(style.font.c_str());
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  if (style.ellipsize) {
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  } else {
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  }
  switch (style.align) {
    case TextStyle::Align::kLeft:
      pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
      break;
    case TextStyle::Align::kCenter:
      pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
      break;
    case TextStyle::Align::kRight:
      pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
      break;
  }
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  cairo_set_source_rgb(cr, style.gray, style.gray, style.gray);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  int w = 0;
  int h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  g_object_unref(layout);
  return h;
}

void PdfDocument::Line(double x1, double y1, double x2, double y2, double line_width, bool dashed) {
  cairo_t* cr = impl_->cr;
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
  cairo_set_line_width(cr, line_width);
  if (dashed) {
    const double dash[] = {4.0, 3.0};
    cairo_set_dash(cr, dash, 2, 0);
  }
  cairo_move_to(cr, x1, y1);
  cairo_line_to(cr, x2, y2);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void PdfDocument::Frame(double x, double y, double width, double height, double line_width) {
  cairo_t* cr = impl_->cr;
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, line_width);
  cairo_rectangle(cr, x, y, width, height);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void PdfDocument::NextPage() {
  cairo_show_page(impl_->cr);
  ++pages_;
}

std::string PdfDocument::Finish() {
  if (!impl_->finished) {
    cairo_show_page(impl_->cr);
    cairo_destroy(impl_->cr);
    impl_->cr = nullptr;
    cairo_surface_finish(impl_->surface);
    const cairo_status_t status = cairo_surface_status(impl_->surface);
    cairo_surface_destroy(impl_->surface);
    impl_->surface = nullptr;
    impl_->finished = true;
    if (status != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
  }
  return impl_->bytes;
}

void ReleaseFontCaches() {
  pango_cairo_font_map_set_default(nullptr);
  cairo_debug_reset_static_data();
  FcFini();
}

}  // namespace ej::report
