// clinic-hubd as an operator meets it: option mistakes, --help, a clean stop on
// SIGTERM, and a database from a newer release.
#include "sqlite_file.h"
#include "test_support.h"

#include <signal.h>

#include <thread>

using namespace hub::it;
namespace fs = std::filesystem;

namespace {

struct ConfigMistake {
    std::string what;
    std::vector<std::string> args;
    std::vector<std::string> mustName;  // substrings of the one stderr line
};

}  // namespace

TEST_CASE("an option mistake stops clinic-hubd with a non-zero status and one stderr line naming the option",
          "[integration][daemon][config]") {
    HubDataDir dir;
    const std::string config = dir.configFile().string();
    const fs::path badFile = dir.root() / "bad.conf";
    writeFile(badFile, "[server]\nlisten = 127.0.0.1\nhtps-port = 8443\n");
    const fs::path missingDir = dir.root() / "no-such-data-dir";

    const std::vector<ConfigMistake> mistakes = {
        {"a misspelt flag", {"--config", config, "--htps-port", "1"}, {"--htps-port"}},
        {"a port out of range", {"--config", config, "--https-port", "70000"}, {"--https-port", "70000"}},
        {"a flag without its value", {"--config", config, "--https-port"}, {"--https-port"}},
        {"an unknown key in the file", {"--config", badFile.string()}, {badFile.string() + ":3", "htps-port"}},
        {"a missing config file", {"--config", (dir.root() / "nope.conf").string()}, {"--config", "nope.conf"}},
        {"a missing data directory", {"--config", config, "--data-dir", missingDir.string()},
         {"--data-dir", missingDir.string()}},
        {"a body limit below 1k", {"--config", config, "--max-body-bytes", "10"}, {"--max-body-bytes"}},
        {"a stray word", {"--config", config, "start"}, {"start"}},
    };
    for (const auto& m : mistakes) {
        const auto r = runDaemonOnce(m.args);
        INFO(m.what << ": " << r.describe());
        CHECK_FALSE(r.timedOut);
        CHECK(r.status.exitCode.has_value());
        CHECK_FALSE(r.status.exitedWith(0));
        const auto errLines = lines(r.err);
        CHECK(errLines.size() == 1);
        for (const auto& name : m.mustName) CHECK(r.err.find(name) != std::string::npos);
        CHECK(r.err.rfind("clinic-hubd: ", 0) == 0);
        CHECK(r.out.empty());
    }
}

TEST_CASE("clinic-hubd --help exits 0 and lists its options", "[integration][daemon][config]") {
    const auto r = runDaemonOnce({"--help"});
    INFO(r.describe());
    REQUIRE(r.succeeded());
    for (const auto* option : {"--config", "--https-port", "--http-port", "--listen", "--data-dir", "--hostname",
                               "--max-body-bytes", "--worker-threads", "--log-level", "--session-idle-minutes"})
        CHECK(r.out.find(option) != std::string::npos);
    CHECK(r.err.empty());

    const auto version = runDaemonOnce({"--version"});
    CHECK(version.succeeded());
    CHECK(version.out.rfind("clinic-hubd ", 0) == 0);
}

TEST_CASE("SIGTERM stops clinic-hubd within seconds with status 0, even with clients connected, and leaves the "
          "database clean",
          "[integration][daemon]") {
    HubDataDir dir;
    HubProcess hub(dir);

    // An idle keep-alive connection, as a browser tab leaves open.
    auto idle = signedIn(hub, "reception");
    REQUIRE(idle->get("/api/v1/auth/me").status == 200);
    // A slow client halfway through sending a request body.
    auto slowClient = hub.client();
    auto slow = slowClient->connect();
    const std::string head =
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        "Content-Length: 60\r\n\r\n{\"username\":\"adm";
    REQUIRE(slow.sendBytes(head.data(), static_cast<int>(head.size())) == static_cast<int>(head.size()));
    // And one that connected but has not even started its TLS handshake.
    auto silent = connectPlain(hub.httpsPort());
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let workers take them

    const auto started = std::chrono::steady_clock::now();
    const ExitStatus status = hub.stop(std::chrono::seconds(20));
    const auto took = std::chrono::steady_clock::now() - started;
    INFO(status.describe() << " after " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                           << " ms; log:\n" << hub.log());
    CHECK(status.exitedWith(0));
    // A short grace for requests in flight is fine; waiting out keep-alive (15 s)
    // or read timeouts (30 s) is not.
    CHECK(took < std::chrono::seconds(8));
    CHECK(hub.log().find("shutting down") != std::string::npos);
    CHECK(hub.log().find("stopped") != std::string::npos);

    // Closed cleanly: the last connection checkpointed and removed the WAL.
    const fs::path wal = dir.database().string() + "-wal";
    CHECK((!fs::exists(wal) || fs::file_size(wal) == 0));
    CHECK(integrityCheck(dir.database()) == "ok");

    // And it starts again on the same data.
    hub.restart();
    CHECK(signedIn(hub, "reception")->get("/api/v1/auth/me").status == 200);
}

TEST_CASE("clinic-hubd refuses a database from a newer release and says which schema version",
          "[integration][daemon]") {
    HubDataDir dir;
    {
        SqliteFile db(dir.database(), SqliteFile::Mode::ReadWrite);
        db.execute("PRAGMA user_version = 999");
    }
    const auto r = runDaemonOnce({"--config", dir.configFile().string(), "--https-port",
                                  std::to_string(freeLoopbackPort()), "--http-port", "0"});
    INFO(r.describe());
    CHECK_FALSE(r.timedOut);
    CHECK(r.status.exitCode.has_value());
    CHECK_FALSE(r.status.exitedWith(0));
    CHECK(r.err.find("schema version 999") != std::string::npos);
    CHECK(r.err.find("newer") != std::string::npos);
    // Nothing was migrated or rewritten.
    SqliteFile db(dir.database(), SqliteFile::Mode::ReadOnly);
    CHECK(db.queryInteger("PRAGMA user_version") == 999);
}
