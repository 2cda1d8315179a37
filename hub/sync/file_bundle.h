#pragma once
// The hub's files that travel with the database (docs/sync-format.md, "Files"):
// tls/ (the root CA and its key, so staff devices keep trusting a restored
// box, and the server certificate) and voices/ (voice packs the clinic
// recorded). One object, sealed like every other; the order is fixed, so
// unchanged files give the same bytes and the object is not sent again.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace hub::sync {

inline const std::vector<std::string> bundledDirectories = {"tls", "voices"};

std::string bundleFiles(const std::filesystem::path& dataDir);

// Writes the bundle's files under dataDir with their modes (keys stay 0600).
// Throws SyncError(DamagedObject) naming objectName for a malformed bundle or
// a path that would leave dataDir. Returns the paths written, relative.
std::vector<std::string> unpackFiles(std::string_view bundle, const std::filesystem::path& dataDir,
                                     const std::string& objectName);

}  // namespace hub::sync
