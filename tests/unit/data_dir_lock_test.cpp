#include "hub/store/data_dir_lock.h"

#include "support/catch.h"

#include <cstdlib>
#include <filesystem>
#include <optional>

using hub::store::DataDirLock;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "hub-data-lock-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { fs::remove_all(path); }
    fs::path path;
};

}  // namespace

TEST_CASE("a running daemon keeps a restore out of its data directory, and a restore keeps the daemon out",
          "[store][data-dir-lock]") {
    TempDir dir;
    SECTION("daemons share; a restore waits for the last to stop") {
        auto daemon = DataDirLock::shareForDaemon(dir.path);
        REQUIRE(daemon);
        CHECK(fs::exists(hub::store::dataDirLockFile(dir.path)));
        auto second = DataDirLock::shareForDaemon(dir.path);
        CHECK(second);
        CHECK_FALSE(DataDirLock::takeForRestore(dir.path));
        daemon.reset();
        CHECK_FALSE(DataDirLock::takeForRestore(dir.path));
        second.reset();
        CHECK(DataDirLock::takeForRestore(dir.path));
    }
    SECTION("a restore at work keeps the daemon and a second restore out") {
        std::optional<DataDirLock> restore = DataDirLock::takeForRestore(dir.path);
        REQUIRE(restore);
        CHECK_FALSE(DataDirLock::shareForDaemon(dir.path));
        CHECK_FALSE(DataDirLock::takeForRestore(dir.path));
        DataDirLock moved = std::move(*restore);
        restore.reset();  // the moved-from lock releases nothing
        CHECK_FALSE(DataDirLock::shareForDaemon(dir.path));
    }
    SECTION("assigning over a held lock releases it") {
        std::optional<DataDirLock> held = DataDirLock::takeForRestore(dir.path);
        REQUIRE(held);
        TempDir other;
        held = DataDirLock::takeForRestore(other.path);
        REQUIRE(held);
        CHECK(DataDirLock::shareForDaemon(dir.path));
        CHECK_FALSE(DataDirLock::shareForDaemon(other.path));
    }
    SECTION("the lock does not outlive its holder") {
        { auto restore = DataDirLock::takeForRestore(dir.path); REQUIRE(restore); }
        CHECK(DataDirLock::shareForDaemon(dir.path));
    }
}
