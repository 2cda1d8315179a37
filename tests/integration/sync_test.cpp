// The encrypted sync end to end: the real clinic-hub and clinic-hubd against a
// real S3 implementation (s3rver) whose front re-signs every request with AWS's
// own SigV4 signer. Started through tests/s3/run, which says SKIPPED when node
// or the npm modules are missing.
#include "child_process.h"
#include "sqlite_file.h"
#include "support/database_compare.h"
#include "sync_test_support.h"

#include <Poco/JSON/Parser.h>

#include <signal.h>

#include <algorithm>
#include <thread>

using namespace hub::it;

namespace {

std::size_t countMatching(const std::vector<std::string>& names, const std::string& part) {
    return static_cast<std::size_t>(std::count_if(names.begin(), names.end(), [&](const std::string& n) {
        return n.find(part) != std::string::npos;
    }));
}

void requireRestoreEquals(const SyncedClinic& clinic, const HubDataDir& newBox) {
    const auto differences = hub::testing::databaseDifferences(clinic.box.database(), newBox.database());
    for (const auto& d : differences) WARN(d);
    CHECK(differences.empty());
    CHECK(hub::testing::comparedTableCount(newBox.database()) >= 20);
}

}  // namespace

TEST_CASE("first sync, then a day of changes: the second run uploads only the changes, and a restore equals the "
          "source row for row in every table",
          "[s3][first-sync]") {
    SyncedClinic clinic;
    clinic.addDays(60);
    HubProcess hub(clinic.box);  // runs are made while the hub serves
    const auto first = clinic.syncNow();
    INFO(first.describe());
    REQUIRE(first.succeeded());
    CHECK(first.out.find("restore point 1 committed: full copy") != std::string::npos);
    const auto putsAfterFirst = clinic.world.stats().puts.size();

    clinic.addDays(1, 150);  // a typical busy day: 150 patients
    auto admin = signedIn(hub, "admin");
    const auto second = clinic.syncNow();
    INFO(second.describe());
    REQUIRE(second.succeeded());
    CHECK(second.out.find("restore point 2 committed: changes") != std::string::npos);
    const auto stats = clinic.world.stats();
    CHECK(stats.refused == 0);  // AWS's signer agreed with every request
    const std::vector<std::string> secondPuts(stats.puts.begin() + static_cast<long>(putsAfterFirst), stats.puts.end());
    // The changeset and the manifest (files and ledger are unchanged, so named again, not sent).
    CHECK(secondPuts.size() == 2);
    CHECK(countMatching(secondPuts, "/points/0000000002") == 1);
    CHECK(countMatching(secondPuts, "/data/0000000002/") == 1);
    const auto status = admin->get("/api/v1/sync/status");
    REQUIRE(status.status == 200);
    const long long bytes = status.json->getValue<long long>("last_bytes_uploaded");
    INFO("a 150-patient day uploaded " << bytes << " bytes");
    CHECK(bytes < 1'000'000);
    CHECK(status.json->getValue<int>("last_restore_point") == 2);
    CHECK_FALSE(status.json->getValue<bool>("last_full"));
    hub.stop();

    HubDataDir newBox(HubDataDir::Contents::Empty);
    const auto restored = clinic.restoreInto(newBox);
    INFO(restored.describe());
    REQUIRE(restored.succeeded());
    CHECK(restored.out.find("Restored restore point 2") != std::string::npos);
    requireRestoreEquals(clinic, newBox);
    CHECK(readFile(newBox.caFile()) == readFile(clinic.box.caFile()));
    CHECK(newBox.cli({"audit", "verify"}).succeeded());

    // The restored box serves the same clinic with the same root, and syncs on.
    HubProcess restoredHub(newBox);
    auto client = signedIn(restoredHub, "admin");
    CHECK(client->get("/api/v1/sync/settings").status == 200);
    const auto third = newBox.cli({"sync", "now"});
    INFO(third.describe());
    CHECK(third.succeeded());
    CHECK(third.out.find("restore point 3 committed: full copy") != std::string::npos);
}

TEST_CASE("a wrong passphrase is refused in words, a wrong secret key by the store", "[s3][refused]") {
    SyncedClinic clinic;
    REQUIRE(clinic.syncNow().succeeded());
    HubDataDir newBox(HubDataDir::Contents::Empty);
    writeFile(clinic.passphrase, "this is not the passphrase\n");
    const auto wrongPassphrase = clinic.restoreInto(newBox);
    CHECK(wrongPassphrase.status.exitedWith(1));
    CHECK(wrongPassphrase.err.find("the recovery passphrase is wrong") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(newBox.database()));

    writeFile(clinic.passphrase, syncPassphrase + "\n");
    writeFile(clinic.secret, "not-the-secret-key\n");
    const auto refusedBefore = clinic.world.stats().refused;
    const auto wrongSecret = clinic.restoreInto(newBox);
    CHECK(wrongSecret.status.exitedWith(1));
    CHECK(wrongSecret.err.find("refused the credentials") != std::string::npos);
    CHECK(wrongSecret.err.find("SignatureDoesNotMatch") != std::string::npos);
    CHECK(clinic.world.stats().refused > refusedBefore);

    HubDataDir other;
    auto args = std::vector<std::string>{"sync", "init"};
    for (const auto& a : clinic.world.targetArgs(clinic.secret)) args.push_back(a);
    args.insert(args.end(), {"--prefix", "other/", "--passphrase-file", clinic.passphrase.string()});
    const auto init = other.cli(args);
    CHECK(init.status.exitedWith(1));
    CHECK(init.err.find("refused the credentials") != std::string::npos);
}

TEST_CASE("one flipped byte in any object is detected and named, so is a deleted object", "[s3][damage]") {
    SyncedClinic clinic;
    clinic.addDays(3);
    REQUIRE(clinic.syncNow().succeeded());
    clinic.addDays(1);
    REQUIRE(clinic.syncNow().succeeded());
    REQUIRE(clinic.box.cli({"sync", "verify"}).succeeded());
    const auto keys = syncObjectKeys(clinic.world);
    REQUIRE(keys.size() >= 5);  // a full copy, files, ledger, changes, the manifest (retention kept one point a day)
    HubDataDir newBox(HubDataDir::Contents::Empty);
    for (const auto& key : keys) {
        INFO(key);
        const auto file = clinic.world.objectFile(key);
        std::string bytes = readFile(file);
        REQUIRE_FALSE(bytes.empty());
        bytes[bytes.size() / 3] = static_cast<char>(bytes[bytes.size() / 3] ^ 0x20);
        writeFile(file, bytes);
        const auto verify = clinic.box.cli({"sync", "verify"});
        CHECK(verify.status.exitedWith(1));
        CHECK(verify.out.find(key) != std::string::npos);
        if (key.find("/points/0000000002") != std::string::npos || key.find("/data/") != std::string::npos) {
            const auto restore = clinic.restoreInto(newBox);
            CHECK(restore.status.exitedWith(1));
            CHECK(restore.err.find(key) != std::string::npos);
            CHECK(restore.err.find("damaged") != std::string::npos);
        }
        bytes[bytes.size() / 3] = static_cast<char>(bytes[bytes.size() / 3] ^ 0x20);
        writeFile(file, bytes);
    }
    CHECK_FALSE(std::filesystem::exists(newBox.database()));

    const std::string victim = *std::find_if(keys.begin(), keys.end(), [](const std::string& k) { return k.find("/data/") != std::string::npos; });
    std::filesystem::remove(clinic.world.objectFile(victim));
    const auto verify = clinic.box.cli({"sync", "verify"});
    CHECK(verify.status.exitedWith(1));
    CHECK(verify.out.find(victim) != std::string::npos);
    CHECK(verify.out.find("missing") != std::string::npos);
    const auto restore = clinic.restoreInto(newBox);
    CHECK(restore.status.exitedWith(1));
    CHECK(restore.err.find(victim) != std::string::npos);
}

TEST_CASE("the connection cut mid-upload: the next run completes without re-sending finished objects, and the "
          "restore works",
          "[s3][cut]") {
    SyncedClinic clinic(true);  // through the fault proxy
    clinic.addDays(400, 100);   // a database of several parts
    clinic.world.cutAfter(12'000'000);
    const auto cut = clinic.syncNow();
    CHECK(cut.status.exitedWith(1));
    CHECK(cut.err.find("cannot reach") != std::string::npos);
    const auto sentBeforeCut = clinic.world.stats().puts;
    REQUIRE(countMatching(sentBeforeCut, "/data/0000000001/") >= 1);
    CHECK(countMatching(sentBeforeCut, "/points/") == 0);  // no restore point names a missing object
    const auto status = clinic.box.cli({"sync", "status", "--json"});
    CHECK(status.out.find("cannot reach") != std::string::npos);

    clinic.world.up();
    const auto resumed = clinic.syncNow();
    INFO(resumed.describe());
    REQUIRE(resumed.succeeded());
    const auto all = clinic.world.stats().puts;
    for (const auto& name : sentBeforeCut)
        if (name.find("/data/") != std::string::npos) CHECK(std::count(all.begin(), all.end(), name) == 1);
    HubDataDir newBox(HubDataDir::Contents::Empty);
    REQUIRE(clinic.restoreInto(newBox).succeeded());
    requireRestoreEquals(clinic, newBox);
}

TEST_CASE("a sync killed with SIGKILL mid-upload: the next run completes and the restore works", "[s3][sigkill]") {
    SyncedClinic clinic;
    clinic.addDays(400, 100);
    ChildProcess sync({hubCliBinary().string(), "sync", "now", "--config", clinic.box.configFile().string()},
                      clinic.temp.path() / "sync.out", clinic.temp.path() / "sync.err");
    bool killed = false;
    for (int i = 0; i < 600 && sync.running(); ++i) {
        if (countMatching(clinic.world.stats().puts, "/data/0000000001/") >= 2) {
            sync.kill();
            killed = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE(killed);
    const auto before = clinic.world.stats().puts;
    CHECK(countMatching(before, "/points/") == 0);

    const auto next = clinic.syncNow();
    INFO(next.describe());
    REQUIRE(next.succeeded());
    CHECK(next.out.find("restore point 1 committed") != std::string::npos);
    const auto all = clinic.world.stats().puts;
    for (const auto& name : before)
        if (name.find("/data/") != std::string::npos) CHECK(std::count(all.begin(), all.end(), name) == 1);
    HubDataDir newBox(HubDataDir::Contents::Empty);
    REQUIRE(clinic.restoreInto(newBox).succeeded());
    requireRestoreEquals(clinic, newBox);
}

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
    CHECK(settings.json->getValue<std::string>("window") == "01:00-05:00");
    CHECK(settings.json->getValue<bool>("secret_key_set"));
    CHECK(settings.body.find(S3World::secretKey) == std::string::npos);

    const auto changed = admin->patch("/api/v1/sync/settings", json({{"window", "22:30-04:00"}, {"retention_daily", 10}}));
    REQUIRE(changed.status == 200);
    CHECK(changed.json->getValue<std::string>("window") == "22:30-04:00");
    CHECK(readFile(clinic.box.dataDir() / "sync" / "settings.json").find("22:30-04:00") != std::string::npos);

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
