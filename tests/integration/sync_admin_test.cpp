// The sync from the hub's side: an unreachable store while the hub serves,
// the audit anchor, the generation marker, the admin API, /healthz, the
// recovery passphrase and virtual-host addressing, against the S3 world of
// tests/s3 (started through tests/s3/run, SKIPPED without node or its modules).
#include "child_process.h"
#include "sqlite_file.h"
#include "sync_test_support.h"

#include <Poco/JSON/Parser.h>

#include <thread>

using namespace hub::it;

TEST_CASE("the endpoint unreachable: the reason is recorded, nothing crashes and the hub keeps serving",
          "[s3][unreachable]") {
    SyncedClinic clinic;
    HubProcess hub(clinic.box);
    auto admin = signedIn(hub, "admin");
    const int closedPort = freeLoopbackPort();
    const auto patch = admin->patch("/api/v1/sync/settings",
                                    json({{"endpoint", "https://localhost:" + std::to_string(closedPort)}}));
    INFO(patch.describe());
    REQUIRE(patch.status == 200);
    const auto started = admin->request("POST", "/api/v1/sync/run");
    INFO(started.describe());
    REQUIRE(started.status == 202);
    Poco::JSON::Object::Ptr status;
    for (int i = 0; i < 200; ++i) {
        const auto r = admin->get("/api/v1/sync/status");
        REQUIRE(r.status == 200);
        status = r.json;
        if (!status->getValue<bool>("running") && status->has("last_error")) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE(status->has("last_error"));
    CHECK(status->getValue<std::string>("last_error").find("cannot reach https://localhost:" + std::to_string(closedPort)) !=
          std::string::npos);
    CHECK(status->getValue<int>("consecutive_failures") == 1);
    CHECK(hub.running());
    checkStillHealthy(hub);
    CHECK(admin->get("/api/v1/staff").status == 200);
    CHECK(hub.log().find("sync run failed") != std::string::npos);
}

TEST_CASE("the audit anchor in the cloud catches a truncated trail that the local check accepts", "[s3][anchor]") {
    SyncedClinic clinic;
    clinic.addDays(2);
    REQUIRE(clinic.syncNow().succeeded());
    REQUIRE(clinic.box.cli({"audit", "verify", "--against-cloud"}).succeeded());
    {
        SqliteFile db(clinic.box.database(), SqliteFile::Mode::ReadWrite);
        db.execute("DROP TRIGGER audit_events_no_delete");
        db.execute("DELETE FROM audit_events WHERE id > (SELECT max(id) - 20 FROM audit_events)");
        db.execute("UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM audit_events) WHERE name = 'audit_events'");
    }
    CHECK(clinic.box.cli({"audit", "verify"}).succeeded());  // the local chain alone looks intact
    const auto r = clinic.box.cli({"audit", "verify", "--against-cloud"});
    CHECK(r.status.exitedWith(1));
    CHECK(r.out.find("cut short") != std::string::npos);
}

TEST_CASE("after a restore the old box's next sync fails with a clear message instead of forking the history",
          "[s3][generation]") {
    SyncedClinic clinic;
    REQUIRE(clinic.syncNow().succeeded());
    HubDataDir newBox(HubDataDir::Contents::Empty);
    SECTION("a clinic in the way is refused without --force") {
        HubDataDir occupied;
        const auto refused = clinic.restoreInto(occupied);
        CHECK(refused.status.exitedWith(1));
        CHECK(refused.err.find("--force") != std::string::npos);
        const auto forced = clinic.restoreInto(occupied, {"--force"});
        INFO(forced.describe());
        CHECK(forced.succeeded());
    }
    SECTION("the old box is stopped") {
        REQUIRE(clinic.restoreInto(newBox).succeeded());
        const auto old = clinic.syncNow();
        CHECK(old.status.exitedWith(1));
        CHECK(old.err.find("no longer owns the clinic's cloud copy") != std::string::npos);
        CHECK(old.err.find("after restoring restore point 1") != std::string::npos);
        CHECK(newBox.cli({"sync", "now"}).succeeded());
    }
}

TEST_CASE("the admin API reads and changes the sync settings and never shows the secret", "[s3][api]") {
    SyncedClinic clinic;
    HubProcess hub(clinic.box);
    auto admin = signedIn(hub, "admin");
    const auto settings = admin->get("/api/v1/sync/settings");
    INFO(settings.describe());
    REQUIRE(settings.status == 200);
    CHECK(settings.json->getValue<std::string>("bucket") == S3World::bucket);
    CHECK(settings.json->getValue<std::string>("window") == clinic.window);
    CHECK(settings.json->getValue<bool>("secret_key_set"));
    CHECK(settings.body.find(S3World::secretKey) == std::string::npos);

    const std::string laterWindow = syncWindowAwayFromNow(14);  // still not now: the run below is the admin's
    const auto changed = admin->patch("/api/v1/sync/settings", json({{"window", laterWindow}, {"retention_daily", 10}}));
    REQUIRE(changed.status == 200);
    CHECK(changed.json->getValue<std::string>("window") == laterWindow);
    CHECK(readFile(clinic.box.dataDir() / "sync" / "settings.json").find(laterWindow) != std::string::npos);

    const auto badWindow = admin->patch("/api/v1/sync/settings", json({{"window", "25:00-04:00"}}));
    CHECK(badWindow.status == 400);
    checkErrorShape(badWindow);
    CHECK(badWindow.errorField() == "window");
    const auto badEndpoint = admin->patch("/api/v1/sync/settings", json({{"endpoint", "ftp://example"}}));
    CHECK(badEndpoint.status == 400);
    CHECK(badEndpoint.errorField() == "endpoint");
    const auto badCa = admin->patch("/api/v1/sync/settings", json({{"ca_file", "/nonexistent/ca.pem"}}));
    CHECK(badCa.status == 400);
    CHECK(badCa.errorField() == "ca_file");

    // Runs from the admin screen: one at a time.
    const auto started = admin->request("POST", "/api/v1/sync/run");
    CHECK(started.status == 202);
    for (int i = 0; i < 100 && admin->get("/api/v1/sync/status").json->getValue<bool>("running"); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto status = admin->get("/api/v1/sync/status");
    CHECK(status.json->getValue<int>("last_restore_point") == 1);
    const auto trail = admin->get("/api/v1/audit-events?action=sync.settings.update");
    REQUIRE(trail.status == 200);
    CHECK(trail.body.find("sync.settings.update") != std::string::npos);
}

TEST_CASE("/healthz says degraded, and the hub still serves, after three missed nights", "[s3][healthz]") {
    SyncedClinic clinic;
    HubProcess hub(clinic.box);
    checkStillHealthy(hub);
    // Three nights pass without a restore point (the status file is what every process reads).
    const auto file = clinic.box.dataDir() / "sync" / "status.json";
    const long long fourDaysAgo = std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch()).count() - 4 * 86400;
    writeFile(file, "{\"configured_at\":" + std::to_string(fourDaysAgo) + ",\"consecutive_failures\":0}");
    auto client = hub.client();
    const auto health = client->get("/healthz");
    CHECK(health.status == 200);
    REQUIRE(health.json);
    CHECK(health.json->getValue<std::string>("status") == "degraded");
    auto admin = signedIn(hub, "admin");
    const auto status = admin->get("/api/v1/sync/status");
    CHECK(status.json->getValue<bool>("overdue"));
    CHECK(status.json->getValue<int>("missed_nights") >= 3);
    REQUIRE(clinic.syncNow().succeeded());
    CHECK(client->get("/healthz").json->getValue<std::string>("status") == "ok");
}

TEST_CASE("sync init without a passphrase file shows a generated one once, which restores; sync passphrase "
          "changes it without uploading data",
          "[s3][passphrase]") {
    TempDir temp{"clinic-hub-sync"};
    S3World world(temp.path() / "world");
    HubDataDir box;
    const auto secret = temp.path() / "secret";
    writeFile(secret, std::string(S3World::secretKey) + "\n");
    auto args = std::vector<std::string>{"sync", "init"};
    for (const auto& a : world.targetArgs(secret)) args.push_back(a);
    const auto init = box.cli(args);
    INFO(init.describe());
    REQUIRE(init.succeeded());
    CHECK(init.out.find("RECOVERY PASSPHRASE") != std::string::npos);
    CHECK(init.out.find("\u2588") != std::string::npos);  // the QR code
    std::string shown;
    for (const auto& line : lines(init.out)) {
        const auto p = line.find_first_not_of(' ');
        if (p != std::string::npos && line.size() - p == 29 && line[p + 5] == '-' && line[p + 23] == '-') shown = line.substr(p);
    }
    REQUIRE(shown.size() == 29);
    CHECK(readFile(box.dataDir() / "sync" / "data-key.wrapped").find(shown) == std::string::npos);
    REQUIRE(box.cli({"sync", "now"}).succeeded());

    const auto oldFile = temp.path() / "old", newFile = temp.path() / "new";
    writeFile(oldFile, shown + "\n");
    writeFile(newFile, "the owner's new recovery passphrase\n");
    const auto putsBefore = world.stats().puts.size();
    const auto changed = box.cli({"sync", "passphrase", "--new-passphrase-file", newFile.string()});
    INFO(changed.describe());
    REQUIRE(changed.succeeded());
    const auto puts = world.stats().puts;
    REQUIRE(puts.size() == putsBefore + 1);
    CHECK(puts.back() == "clinic-hub-sync/v1/key");

    auto restore = [&](const HubDataDir& target, const std::filesystem::path& passphrase) {
        std::vector<std::string> a{"restore"};
        for (const auto& x : world.targetArgs(secret)) a.push_back(x);
        a.insert(a.end(), {"--passphrase-file", passphrase.string()});
        return target.cli(a);
    };
    HubDataDir newBox(HubDataDir::Contents::Empty);
    const auto withOld = restore(newBox, oldFile);
    CHECK(withOld.status.exitedWith(1));
    CHECK(withOld.err.find("passphrase is wrong") != std::string::npos);
    const auto withNew = restore(newBox, newFile);
    INFO(withNew.describe());
    CHECK(withNew.succeeded());
}

TEST_CASE("virtual-host addressing: the bucket in the host name (bucket.localhost, resolved in a private mount "
          "namespace)",
          "[s3][vhost]") {
    TempDir temp{"clinic-hub-sync"};
    S3World world(temp.path() / "world");
    HubDataDir box;
    const auto secret = temp.path() / "secret", passphrase = temp.path() / "passphrase", hosts = temp.path() / "hosts";
    writeFile(secret, std::string(S3World::secretKey) + "\n");
    writeFile(passphrase, syncPassphrase + "\n");
    writeFile(hosts, "127.0.0.1 localhost " + std::string(S3World::bucket) + ".localhost\n");
    // clinic-hub runs inside a mount namespace whose /etc/hosts resolves the
    // bucket's host name; nothing changes for the rest of the machine.
    auto inNamespace = [&](const std::vector<std::string>& args) {
        std::string command = "mount --bind " + hosts.string() + " /etc/hosts && exec " + hubCliBinary().string();
        for (const auto& a : args) command += " '" + a + "'";
        command += " --config '" + box.configFile().string() + "'";
        return runProgram({"unshare", "-m", "sh", "-c", command});
    };
    auto args = std::vector<std::string>{"sync", "init"};
    for (const auto& a : world.targetArgs(secret))
        if (a != "--path-style") args.push_back(a);
    args.insert(args.end(), {"--passphrase-file", passphrase.string()});
    const auto init = inNamespace(args);
    INFO(init.describe());
    REQUIRE(init.succeeded());
    const auto now = inNamespace({"sync", "now"});
    INFO(now.describe());
    REQUIRE(now.succeeded());
    const auto stats = world.stats();
    CHECK(stats.refused == 0);
    CHECK(countMatching(stats.puts, "/points/0000000001") == 1);
    CHECK(world.objectKeys("clinic-hub-sync/v1/points/").size() == 1);
    const auto settings = Poco::JSON::Parser().parse(readFile(box.dataDir() / "sync" / "settings.json"));
    CHECK_FALSE(settings.extract<Poco::JSON::Object::Ptr>()->getValue<bool>("path_style"));
}
