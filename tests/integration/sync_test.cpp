// The encrypted sync end to end, the data's side: the real clinic-hub and
// clinic-hubd against a real S3 implementation (s3rver) whose front re-signs
// every request with AWS's own SigV4 signer: incremental runs, row-for-row
// restores, damage, a cut connection, SIGKILL. Started through tests/s3/run,
// which says SKIPPED when node or the npm modules are missing.
#include "child_process.h"
#include "sqlite_file.h"
#include "sync_test_support.h"

#include <Poco/JSON/Parser.h>

#include <signal.h>

#include <algorithm>
#include <thread>

using namespace hub::it;

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
    // The old box's job runs (its sync "running" in the copy) stay behind.
    CHECK(SqliteFile(clinic.box.database(), SqliteFile::Mode::ReadOnly).queryInteger("SELECT count(*) FROM job_runs") > 0);
    CHECK(SqliteFile(newBox.database(), SqliteFile::Mode::ReadOnly).queryInteger("SELECT count(*) FROM job_runs") == 0);
    CHECK(readFile(newBox.caFile()) == readFile(clinic.box.caFile()));
    CHECK(newBox.cli({"audit", "verify"}).succeeded());

    // The restored box serves the same clinic with the same root, and syncs on.
    setSyncWindow(newBox, clinic.window);
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
    const auto restored = clinic.restoreInto(newBox);
    INFO(restored.describe());
    REQUIRE(restored.succeeded());
    requireRestoreEquals(clinic, newBox);
}

TEST_CASE("a sync killed with SIGKILL mid-upload: the next run completes and the restore works", "[s3][sigkill]") {
    SyncedClinic clinic;
    clinic.addDays(400, 100);
    // Paced uploads (the metered-link limit) keep the run long enough to be killed in the middle.
    constexpr long long limit = 8'000'000;
    clinic.setBandwidthLimit(limit);
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
    clinic.world.settle();
    const auto before = clinic.world.stats().puts;
    CHECK(countMatching(before, "/points/") == 0);

    const auto next = clinic.syncNow();
    INFO(next.describe());
    REQUIRE(next.succeeded());
    CHECK(next.out.find("restore point 1 committed") != std::string::npos);
    // The limit held: the rest of the upload took at least its bytes at 8 MB/s.
    const auto status = Poco::JSON::Parser().parse(clinic.box.cli({"sync", "status", "--json"}).out)
                            .extract<Poco::JSON::Object::Ptr>();
    const long long bytes = status->getValue<long long>("last_bytes_uploaded");
    CHECK(bytes > 4'000'000);
    CHECK(status->getValue<long long>("last_duration_ms") >= bytes * 1000 / limit * 9 / 10);
    const auto all = clinic.world.stats().puts;
    for (const auto& name : before)
        if (name.find("/data/") != std::string::npos) CHECK(std::count(all.begin(), all.end(), name) == 1);
    HubDataDir newBox(HubDataDir::Contents::Empty);
    const auto restored = clinic.restoreInto(newBox);
    INFO(restored.describe());
    REQUIRE(restored.succeeded());
    requireRestoreEquals(clinic, newBox);
}
