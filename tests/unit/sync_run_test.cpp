// Sync runs and restores against an in-process object store: incremental
// uploads, a restore equal to the source row for row, damage and loss named,
// interrupted runs resumed, the deletion ledger re-applied, the generation
// marker, pruning, and the audit anchor.
#include "hub/audit/audit_verifier.h"
#include "hub/store/deletion_ledger.h"
#include "hub/store/patient_repository.h"
#include "hub/store/snapshot.h"
#include "hub/sync/cloud_verify.h"
#include "hub/sync/layout.h"
#include "hub/sync/cloud_copy.h"
#include "hub/sync/sync_service.h"
#include "hub/tls/secure_file.h"
#include "hub/tls/x509_certificate.h"
#include "support/database_compare.h"
#include "sync_test_support.h"

#include <SQLiteCpp/Database.h>

using namespace hub;
using namespace hub::testing;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> dataObjects(sync::MemoryObjectStore& store) {
    std::vector<std::string> names;
    for (const auto& o : store.list(sync::layout::dataPrefix)) names.push_back(o.name);
    return names;
}

// A store that stops answering after `puts` successful uploads, as a cut cable
// would, or that loses the answer to one upload it did store.
class CuttingStore final : public sync::ObjectStore {
public:
    CuttingStore(sync::MemoryObjectStore& inner, int puts) : inner_(inner), left_(puts) {}
    void put(const std::string& name, std::string_view body) override {
        if (left_-- <= 0) throw sync::SyncError(sync::SyncProblem::Unreachable, "cannot reach the store: cut");
        inner_.put(name, body);
        countUpload(body.size());
        names.push_back(name);
        if (!failAfter.empty() && name.find(failAfter) != std::string::npos)
            throw sync::SyncError(sync::SyncProblem::Unreachable, "cannot reach the store: the answer was lost");
    }
    std::string failAfter;  // a name containing this is stored, then the call fails
    std::optional<std::string> get(const std::string& name) override { return inner_.get(name); }
    std::vector<sync::StoredObject> list(const std::string& prefix) override { return inner_.list(prefix); }
    void remove(const std::string& name) override { inner_.remove(name); }
    std::vector<std::string> names;

private:
    sync::MemoryObjectStore& inner_;
    int left_;
};

}  // namespace

TEST_CASE("after a first full sync a day of changes uploads only the changes, and a restore equals the source row "
          "for row",
          "[sync][run]") {
    SyncFixture f;
    f.addDays(30);
    const auto first = f.sync();
    CHECK(first.full);
    CHECK(first.sequence == 1);
    const std::filesystem::path afterFirst = f.temp.path() / "after-first.db";
    store::copyDatabase(f.database(), afterFirst);

    f.clock.advance(24h);
    f.addDays(1);
    const auto second = f.sync();
    CHECK_FALSE(second.full);
    CHECK(second.sequence == 2);
    INFO("first " << first.bytesUploaded << " bytes, second " << second.bytesUploaded << " bytes");
    CHECK(second.bytesUploaded * 5 < first.bytesUploaded);
    CHECK(second.plainBytes > 0);

    const auto restored = f.restoreInto(f.temp.path() / "new-box");
    CHECK(restored.sequence == 2);
    CHECK(restored.tookOver);
    const auto newDb = f.temp.path() / "new-box" / "clinic-hub.db";
    CHECK(comparedTableCount(newDb) >= 20);
    CHECK(databaseDifferences(f.database(), newDb).empty());
    for (const auto& d : databaseDifferences(f.database(), newDb)) WARN(d);
    // The name index was rebuilt: searching finds the same people.
    auto restoredDb = store::Database::open(newDb);
    const auto found = restoredDb->read([](store::Connection& c) { return store::PatientRepository(c).findByNameSubstring("Rahman", 50).size(); });
    const auto expected = f.db->read([](store::Connection& c) { return store::PatientRepository(c).findByNameSubstring("Rahman", 50).size(); });
    CHECK(found == expected);
    CHECK(audit::verifyAuditChain(*restoredDb).ok);
    // The hub's root CA came back, byte for byte, its key still private.
    CHECK(tls::readTextFile(f.temp.path() / "new-box" / "tls" / "ca.crt") == tls::readTextFile(f.dataDir / "tls" / "ca.crt"));
    CHECK(tls::readTextFile(f.temp.path() / "new-box" / "tls" / "ca.key") == tls::readTextFile(f.dataDir / "tls" / "ca.key"));
    CHECK((std::filesystem::status(f.temp.path() / "new-box" / "tls" / "ca.key").permissions() &
           std::filesystem::perms::group_read) == std::filesystem::perms::none);

    // An older restore point restores the state it was taken at.
    f.restoreInto(f.temp.path() / "older", 1);
    CHECK(databaseDifferences(afterFirst, f.temp.path() / "older" / "clinic-hub.db").empty());
}

TEST_CASE("a wrong passphrase says so in words and leaves nothing behind", "[sync][restore]") {
    SyncFixture f;
    f.addDays(2);
    f.sync();
    f.passphrase = "not the passphrase at all";
    const auto e = syncErrorOf([&] { f.restoreInto(f.temp.path() / "new-box"); });
    CHECK(e.problem() == sync::SyncProblem::WrongPassphrase);
    CHECK(std::string(e.what()).find("passphrase is wrong") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(f.temp.path() / "new-box" / "clinic-hub.db"));
}

TEST_CASE("one flipped byte in any object is detected and the object named, by restore and by verify",
          "[sync][restore]") {
    SyncFixture f;
    f.addDays(3);
    f.sync();
    f.clock.advance(24h);
    f.addDays(1);
    f.sync();
    const auto root = tls::readTextFile(f.dataDir / "tls" / "ca.crt");
    REQUIRE(sync::verifyCloudCopy(f.store, f.key, root).ok());

    std::vector<std::string> names;
    for (const auto& o : f.store.list(std::string(sync::layout::root)))
        if (o.name.find("/data/") != std::string::npos || o.name.find("/points/0000000002") != std::string::npos)
            names.push_back(o.name);
    REQUIRE(names.size() >= 4);  // a snapshot part, a changeset, files, ledger, the manifest
    for (const auto& name : names) {
        INFO(name);
        std::string& bytes = f.store.objects().at(name);
        const std::size_t at = bytes.size() / 2;
        bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
        const auto e = syncErrorOf([&] { f.restoreInto(f.temp.path() / "new-box"); });
        CHECK(e.problem() == sync::SyncProblem::DamagedObject);
        CHECK(std::string(e.what()).find(name) != std::string::npos);
        const auto report = sync::verifyCloudCopy(f.store, f.key, root);
        CHECK_FALSE(report.ok());
        REQUIRE_FALSE(report.problems.empty());
        CHECK(report.problems.front().find(name) != std::string::npos);
        bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
        CHECK_FALSE(std::filesystem::exists(f.temp.path() / "new-box" / "clinic-hub.db"));
    }
}

TEST_CASE("a deleted object is named by restore and by verify", "[sync][restore]") {
    SyncFixture f;
    f.addDays(2);
    f.sync();
    const auto objects = dataObjects(f.store);
    REQUIRE_FALSE(objects.empty());
    f.store.remove(objects.front());
    const auto e = syncErrorOf([&] { f.restoreInto(f.temp.path() / "new-box"); });
    CHECK(e.problem() == sync::SyncProblem::MissingObject);
    CHECK(e.object() == objects.front());
    const auto report = sync::verifyCloudCopy(f.store, f.key, tls::readTextFile(f.dataDir / "tls" / "ca.crt"));
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems.front().find(objects.front()) != std::string::npos);
    CHECK(report.problems.front().find("missing") != std::string::npos);
}

TEST_CASE("a run cut off mid-upload resumes without sending finished objects again", "[sync][run]") {
    SyncFixture f;
    f.addDays(60, 60);  // a database of several parts
    CuttingStore cut(f.store, 4);  // the key, the generation marker, two parts
    const auto e = syncErrorOf([&] { f.sync(cut); });
    CHECK(e.problem() == sync::SyncProblem::Unreachable);
    REQUIRE(cut.names.size() == 4);
    CHECK(sync::listRestorePoints(f.store).empty());  // no manifest names a missing object

    CuttingStore resumed(f.store, 1000);
    const auto report = f.sync(resumed);
    CHECK(report.sequence == 1);
    for (const auto& name : cut.names) CHECK(std::count(resumed.names.begin(), resumed.names.end(), name) == 0);
    f.restoreInto(f.temp.path() / "new-box");
    CHECK(databaseDifferences(f.database(), f.temp.path() / "new-box" / "clinic-hub.db").empty());
}

TEST_CASE("an object a cut-off run left cut short is sent again, not trusted", "[sync][run]") {
    SyncFixture f;
    f.addDays(60, 60);
    CuttingStore cut(f.store, 4);
    syncErrorOf([&] { f.sync(cut); });
    const std::string victim = cut.names.back();  // a snapshot part
    REQUIRE(victim.find("/data/") != std::string::npos);
    auto& bytes = f.store.objects().at(victim);
    bytes.resize(bytes.size() / 2);  // as a store that is not all-or-nothing may keep it

    CuttingStore resumed(f.store, 1000);
    f.sync(resumed);
    CHECK(std::count(resumed.names.begin(), resumed.names.end(), victim) == 1);
    f.restoreInto(f.temp.path() / "new-box");
    CHECK(databaseDifferences(f.database(), f.temp.path() / "new-box" / "clinic-hub.db").empty());
}

TEST_CASE("cut off after the manifest went up, the next run only commits locally", "[sync][run]") {
    SyncFixture f;
    f.addDays(2);
    f.sync();
    f.clock.advance(24h);
    f.addDays(1);
    // The store keeps the manifest but the answer never arrives: the hub
    // cannot tell whether restore point 2 is committed.
    CuttingStore lostAnswer(f.store, 1000);
    lostAnswer.failAfter = "/points/";
    CHECK(syncErrorOf([&] { f.sync(lostAnswer); }).problem() == sync::SyncProblem::Unreachable);
    CHECK(sync::loadState(sync::SyncPaths{f.dataDir})->lastSequence == 1);
    CHECK(sync::listRestorePoints(f.store) == std::vector<std::uint64_t>{1, 2});

    CuttingStore next(f.store, 1000);
    const auto report = f.sync(next);
    CHECK(report.sequence == 2);
    CHECK(next.names.empty());  // nothing sent again
    CHECK(sync::loadState(sync::SyncPaths{f.dataDir})->lastSequence == 2);

    f.clock.advance(24h);
    f.addDays(1);
    const auto third = f.sync();
    CHECK(third.sequence == 3);
    CHECK_FALSE(third.full);
    f.restoreInto(f.temp.path() / "new-box");
    CHECK(databaseDifferences(f.database(), f.temp.path() / "new-box" / "clinic-hub.db").empty());
}

TEST_CASE("every restore applies the deletion ledger again, so an older point never brings a person back",
          "[sync][restore][ledger]") {
    SyncFixture f;
    f.addDays(3);
    const long long patientId = 5;
    const auto before = f.db->read([&](store::Connection& c) { return store::PatientRepository(c).findById(patientId); });
    REQUIRE(before);
    REQUIRE_FALSE(before->phones.empty());
    f.sync();  // restore point 1 still holds the patient's name

    f.clock.advance(24h);
    f.db->write([&](store::Connection& tx) {
        store::LedgerEntry entry;
        entry.patientId = patientId;
        entry.executedAt = f.clock.now();
        entry.clearNotes = true;
        entry.id = store::DeletionLedgerRepository(tx).append(entry);
        store::applyErasure(tx, entry);
    });
    f.sync();

    const auto report = f.restoreInto(f.temp.path() / "older", 1);
    CHECK(report.ledgerEntries == 1);
    auto restored = store::Database::open(f.temp.path() / "older" / "clinic-hub.db");
    const auto after = restored->read([&](store::Connection& c) { return store::PatientRepository(c).findById(patientId); });
    REQUIRE(after);
    CHECK(after->name == "Anonymised patient");
    CHECK(after->name != before->name);
    CHECK(after->phones.empty());
    CHECK(after->address.empty());
    CHECK(restored->read([](store::Connection& c) { return store::DeletionLedgerRepository(c).list().size(); }) == 1);
    // The name is gone from the search index as well.
    const auto hits = restored->read([&](store::Connection& c) { return store::PatientRepository(c).findByNameSubstring(before->name, 50); });
    for (const auto& h : hits) CHECK(h.id != patientId);
}

TEST_CASE("after a restore the generation marker stops the old box's next sync with a clear message",
          "[sync][restore]") {
    SyncFixture f;
    f.addDays(2);
    f.sync();
    const auto restored = f.restoreInto(f.temp.path() / "new-box");
    REQUIRE(restored.tookOver);
    f.clock.advance(24h);
    f.addDays(1);
    const auto e = syncErrorOf([&] { f.sync(); });
    CHECK(e.problem() == sync::SyncProblem::TakenOver);
    CHECK(std::string(e.what()).find("no longer owns") != std::string::npos);
    CHECK(std::string(e.what()).find("restore point 1") != std::string::npos);
    CHECK(sync::listRestorePoints(f.store) == std::vector<std::uint64_t>{1});

    // The new box carries on: a full copy after the newest point.
    const std::filesystem::path newBox = f.temp.path() / "new-box";
    tls::CertificateAuthority ca(newBox / "tls", f.clock);
    ca.ensureRoot();
    const auto keys = sync::loadLocalKeys(sync::SyncPaths{newBox});
    const sync::RunContext context{sync::SyncPaths{newBox}, f.settings, f.store, keys.key, keys.wrapped, f.clock, f.random,
                                   [&ca](std::string_view m) { return ca.signWithRoot(m); }, nullptr};
    const auto next = sync::runSync(context);
    CHECK(next.full);
    CHECK(next.sequence == 2);
}

TEST_CASE("the generation ids of a first sync and of a restore come from the injected randomness", "[sync][run][restore]") {
    SyncFixture f;
    f.addDays(1);
    // The same seed as the fixture's source: its first 16 bytes name the box's
    // history on the target, the next 16 the restored box's.
    SeededRandom same(2026);
    const auto hex = [](const std::vector<unsigned char>& b) {
        return hexEncode(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
    };
    const std::string first = hex(same.bytes(16));
    const std::string second = hex(same.bytes(16));

    f.sync();
    const auto state = sync::loadState(sync::SyncPaths{f.dataDir});
    REQUIRE(state);
    CHECK(state->generation == first);
    const auto marker = sync::fetchGeneration(f.store, f.key);
    REQUIRE(marker);
    CHECK(marker->generation == first);

    const auto restored = f.restoreInto(f.temp.path() / "new-box");
    REQUIRE(restored.tookOver);
    const auto newState = sync::loadState(sync::SyncPaths{f.temp.path() / "new-box"});
    REQUIRE(newState);
    CHECK(newState->generation == second);
    CHECK(sync::fetchGeneration(f.store, f.key)->generation == second);
}
