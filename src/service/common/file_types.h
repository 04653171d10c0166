// What a file really is, by its content (libmagic), whatever its name says.
#pragma once

#include <string>
#include <string_view>

namespace ej::service::files {

// The media type, as "application/pdf"; "application/octet-stream" when unknown.
std::string MediaTypeOf(std::string_view bytes);

// Files a teacher may attach to homework: documents, tables, slides, PDF,
// pictures, plain text, sound. Not programs, scripts or archives.
bool IsAllowedForHomework(std::string_view media_type);

}  // namespace ej::service::files
