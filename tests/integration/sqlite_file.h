#pragma once
// Direct access to the hub's database file with the sqlite3 C API, as an
// outsider would have it: to check integrity after a crash, and to tamper with
// it the way someone with a shell on the box could. Only for a stopped daemon.
#include <filesystem>
#include <string>

struct sqlite3;

namespace hub::it {

class SqliteFile {
public:
    enum class Mode { ReadOnly, ReadWrite };
    SqliteFile(const std::filesystem::path& file, Mode mode);
    ~SqliteFile();
    SqliteFile(const SqliteFile&) = delete;
    SqliteFile& operator=(const SqliteFile&) = delete;

    // Runs one or more statements; throws with SQLite's message on error.
    void execute(const std::string& sql);
    // The first column of the first row as text ("" when there is no row).
    std::string queryText(const std::string& sql);
    long long queryInteger(const std::string& sql);

private:
    sqlite3* db_ = nullptr;
};

// PRAGMA integrity_check on a read-only connection: "ok" when sound.
std::string integrityCheck(const std::filesystem::path& file);

}  // namespace hub::it
