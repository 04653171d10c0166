#include <unicode/ucnv.h>

#include <memory>

#include "domain/utf8.h"
#include "formats/table.h"

namespace ej::formats {

using domain::Error;
using domain::ErrorCode;

namespace {

domain::Result<std::string> Convert(std::string_view bytes, const char* from) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 16, '\0');
  const int32_t n = ucnv_convert("UTF-8", from, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                 static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) {
    return Error::WithDetail(ErrorCode::kImportBadFile, std::string("текст не удалось перекодировать из ") + from);
  }
  out.resize(static_cast<size_t>(n));
  return out;
}

}  // namespace

domain::Result<DecodedText> DecodeText(std::string_view bytes) {
  if (bytes.size() > (256u << 20)) return Error::WithDetail(ErrorCode::kImportBadFile, "файл слишком велик");
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    std::string text(bytes.substr(3));
    if (!domain::IsValidUtf8(text)) {
      return Error::WithDetail(ErrorCode::kImportBadFile, "файл помечен как UTF-8, но содержит недопустимые байты");
    }
    return DecodedText{std::move(text), "UTF-8 BOM"};
  }
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    const bool le = bytes[0] == '\xFF';
    auto text = Convert(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE");
    if (!text) return text.error();
    return DecodedText{std::move(*text), le ? "UTF-16LE" : "UTF-16BE"};
  }
  if (bytes.find('\0') != std::string_view::npos) {
    return Error::WithDetail(ErrorCode::kImportBadFile, "это не текстовый файл");
  }
  if (domain::IsValidUtf8(bytes)) return DecodedText{std::string(bytes), "UTF-8"};
  auto text = Convert(bytes, "windows-1251");
  if (!text) return text.error();
  return DecodedText{std::move(*text), "windows-1251"};
}

}  // namespace ej::formats
