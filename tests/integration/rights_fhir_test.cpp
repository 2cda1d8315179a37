// The FHIR R4 export validated by a real validator: Medplum's validateResource
// over the official R4 StructureDefinitions (tests/fhir/validate.mjs), run by
// tests/fhir/run, which says SKIPPED without node or the npm modules.
#include "rights_support.h"

using namespace hub::it;

namespace {

ProgramResult validate(const std::vector<std::string>& files) {
    std::vector<std::string> argv = {"node", std::string(CLINIC_HUB_SOURCE_DIR) + "/tests/fhir/validate.mjs"};
    argv.insert(argv.end(), files.begin(), files.end());
    RunOptions options;
    options.timeout = std::chrono::seconds(120);
    return runProgram(argv, options);
}

}  // namespace

TEST_CASE("a patient with two visits exported as FHIR R4 validates, and so does the clinic's bulk NDJSON",
          "[integration][rights][fhir]") {
    RightsClinic c;
    const auto s = seedPatient(c, "Farida Fhirwell", "01719000888");
    REQUIRE(c.reception->post("/api/v1/patients/" + s.patientId + "/consents/withdrawals",
                              R"({"purpose":"sms_reminders","method":"verbal"})").status == 201);
    auto exported = c.doctor->get("/api/v1/patients/" + s.patientId + "/export?format=fhir");
    INFO(exported.describe());
    REQUIRE(exported.status == 200);
    const auto bundle = exported.json;
    CHECK(bundle->getValue<std::string>("resourceType") == "Bundle");

    // What the bundle must hold.
    std::map<std::string, int> types;
    const auto entries = bundle->getArray("entry");
    for (std::size_t i = 0; i < entries->size(); ++i)
        ++types[entries->getObject(static_cast<unsigned>(i))->getObject("resource")->getValue<std::string>("resourceType")];
    CHECK(types["Patient"] == 1);
    CHECK(types["Encounter"] == 2);
    CHECK(types["Observation"] >= 8);  // 7 vitals of the first visit, 2 of the second, blood group
    CHECK(types["Condition"] == 5);    // 3 diagnoses, 2 chronic tags
    CHECK(types["MedicationRequest"] == 4);
    CHECK(types["AllergyIntolerance"] == 1);
    CHECK(types["Consent"] == 2);  // given at registration, withdrawn since
    const std::string text = toJson(*bundle);
    for (const char* expected : {"\"8480-6\"", "\"mm[Hg]\"", "\"http://loinc.org\"", "\"http://unitsofmeasure.org\"",
                                 "\"http://hl7.org/fhir/sid/icd-10\"", "\"E11.9\"", "\"PCM\"", "\"PCV\"",
                                 "\"OPTOUT\"", "\"boundsDuration\""}) {
        INFO(expected);
        CHECK(text.find(expected) != std::string::npos);
    }

    TempDir dir;
    {
        std::ofstream f(dir / "bundle.json");
        f << exported.body;
    }
    const auto checked = validate({(dir / "bundle.json").string()});
    INFO(checked.out << checked.err);
    CHECK(checked.succeeded());
    CHECK(checked.out.find(", 0 errors") != std::string::npos);

    // A validator that accepts anything proves nothing: a broken copy must fail.
    {
        std::string broken = exported.body;
        const auto at = broken.find("\"status\":\"finished\"");
        REQUIRE(at != std::string::npos);
        broken.replace(at, 19, "\"status\":12");
        std::ofstream f(dir / "broken.json");
        f << broken;
    }
    CHECK_FALSE(validate({(dir / "broken.json").string()}).succeeded());

    // The clinic's bulk export: NDJSON per resource type in a tar.
    const auto all = c.dir.cli({"export", "--all", "--format", "fhir", "--out", (dir / "clinic.tar").string()});
    INFO(all.out << all.err);
    REQUIRE(all.succeeded());
    const auto extracted = runProgram({"tar", "-xf", (dir / "clinic.tar").string(), "-C", dir.path().string()});
    REQUIRE(extracted.succeeded());
    std::vector<std::string> files;
    for (const char* type : {"Patient", "Encounter", "Observation", "Condition", "MedicationRequest",
                             "AllergyIntolerance", "Consent"}) {
        const auto f = dir / (std::string(type) + ".ndjson");
        INFO(type);
        CHECK(std::filesystem::exists(f));
        if (std::filesystem::exists(f)) files.push_back(f.string());
    }
    const auto bulk = validate(files);
    INFO(bulk.out << bulk.err);
    CHECK(bulk.succeeded());
}
