// A deletion survives a restore, and so does everyone else (issue 20): a
// patient erased after the full copy, another registered after it, restored
// from the newest restore point. The
// restored box's search (the name index is rebuilt after the deletion ledger
// is applied again) must not find the erased person by name or phone, must
// find the others, and the restored file must not hold their name.
#include "sqlite_file.h"
#include "sync_test_support.h"

using namespace hub::it;

namespace {

bool listsPatient(HubClient& client, const std::string& q, const std::string& id) {
    const auto r = client.get("/api/v1/patients?q=" + q);
    INFO(r.describe());
    REQUIRE(r.status == 200);
    const auto patients = r.json->getArray("patients");
    for (std::size_t i = 0; i < patients->size(); ++i)
        if (patients->getObject(static_cast<unsigned>(i))->getValue<std::string>("id") == id) return true;
    return false;
}

std::string registered(HubClient& desk, const std::string& name, const std::string& phone) {
    auto r = desk.post("/api/v1/patients", 
            json({{"name", name}, {"phone", phone}, {"sex", "female"}, {"age_years", 40}}));
    INFO(r.describe());
    REQUIRE(r.status == 201);
    return r.json->getValue<std::string>("id");
}

// The erased person is found by nothing; the others by name and phone.
void checkSearchAfterRestore(const HubDataDir& box, const std::string& erased,
                             const std::vector<std::pair<std::string, std::vector<std::string>>>& others) {
    HubProcess hub(box);
    auto desk = signedIn(hub, "reception");
    for (const char* q : {"Quillfeather", "Zorawar", "9876543", "01719876543"}) {
        INFO("search " << q);
        CHECK_FALSE(listsPatient(*desk, q, erased));
    }
    for (const auto& [id, queries] : others)
        for (const auto& q : queries) {
            INFO("search " << q);
            CHECK(listsPatient(*desk, q, id));
        }
    REQUIRE(hub.stop().exitedWith(0));
    {
        // The name index agrees with the records row for row (FTS5's own check;
        // PRAGMA integrity_check does not look inside it). Throws if not.
        SqliteFile db(box.database(), SqliteFile::Mode::ReadWrite);
        db.execute("INSERT INTO patients_name_index (patients_name_index, rank) VALUES ('integrity-check', 1)");
    }
    const std::string bytes = readFile(box.database());
    for (const char* needle : {"Quillfeather", "Zorawar", "1719876543"}) {
        INFO(box.database().string() << " must not hold " << needle);
        CHECK(bytes.find(needle) == std::string::npos);
    }
}

}  // namespace

TEST_CASE("a restore re-applies recorded erasures and rebuilds the search: the erased patient is found by neither "
          "name nor phone, everyone else still is",
          "[s3][erasure]") {
    SyncedClinic clinic;
    std::string erased, early, late;
    {
        HubProcess hub(clinic.box);
        auto desk = signedIn(hub, "reception");
        auto admin = signedIn(hub, "admin");
        erased = registered(*desk, "Zorawar Quillfeather", "01719876543");
        early = registered(*desk, "Marisol Earlybird", "01811000222");
        const auto first = clinic.syncNow();  // restore point 1: a full copy holding both, index included
        INFO(first.describe());
        REQUIRE(first.succeeded());

        late = registered(*desk, "Tobias Latecomer", "01911000333");  // only in restore point 2's changes
        auto created = desk->post("/api/v1/data-requests",
                                  json({{"patient_id", erased}, {"kind", "anonymise"}, {"channel", "in_person"}}));
        INFO(created.describe());
        REQUIRE(created.status == 201);
        const std::string request = "/api/v1/data-requests/" + created.json->getValue<std::string>("id");
        REQUIRE(admin->post(request + "/review", R"({"decision":"approve","reason":"identity checked"})").status == 200);
        REQUIRE(admin->request("POST", request + "/execute").status == 200);
        REQUIRE_FALSE(listsPatient(*desk, "Quillfeather", erased));
        const auto second = clinic.syncNow();  // restore point 2: the changes and the ledger
        INFO(second.describe());
        REQUIRE(second.succeeded());
        REQUIRE(hub.stop().exitedWith(0));
    }

    // The newest restore point: a full copy whose name index still holds the
    // person, and changes (the erasure, a new patient) that the index never saw.
    HubDataDir box(HubDataDir::Contents::Empty);
    const auto restored = clinic.restoreInto(box);
    INFO(restored.describe());
    REQUIRE(restored.succeeded());
    CHECK(restored.out.find("1 recorded erasures applied again") != std::string::npos);
    checkSearchAfterRestore(box, erased,
                            {{early, {"Earlybird", "Marisol", "1000222"}}, {late, {"Latecomer", "Tobias", "1000333"}}});
    CHECK(box.cli({"audit", "verify"}).succeeded());
    // A restore point taken before the erasure is pruned here (one point a day is
    // kept); that it erases the person again, index included, is sync_tests'
    // "every restore applies the deletion ledger again" on an injected clock.
}
