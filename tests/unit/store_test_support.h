#pragma once
// Helpers shared by the store, audit and auth tests: a temporary directory
// and raw access to the database file, the way someone with the file would.
#include "hub/core/random.h"
#include "hub/core/text.h"

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <string>

namespace hub::testing {

class TempDir {
public:
    TempDir() {
        const auto bytes = randomBytes(8);
        path_ = std::filesystem::temp_directory_path() /
                ("clinic-hub-test-" + hexEncode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path file(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// A connection outside the hub's Database, as a tool or an attacker would open.
inline SQLite::Database rawConnection(const std::filesystem::path& file) {
    return SQLite::Database(file.string(), SQLite::OPEN_READWRITE, 5000);
}

}  // namespace hub::testing
