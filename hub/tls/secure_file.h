#pragma once
// Files that must never be seen half-written or with loose permissions.
#include <filesystem>
#include <string_view>
#include <sys/types.h>

namespace hub::tls {

// Writes `contents` to `<file>.tmp` created with `mode` (0600 for private keys, so the
// key is never readable by others even for an instant), fsyncs it, then renames it
// over `file`. Throws TlsError naming the file on failure.
void writeFileAtomically(const std::filesystem::path& file, std::string_view contents, mode_t mode);

}  // namespace hub::tls
