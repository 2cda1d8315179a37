// Token slips and tracking links against the real daemon over TLS: a slip
// printed through the API to a loopback stand-in for the network printer, the
// slip page, the patient's link without a session, and what the link must not
// reveal or allow.
#include "test_support.h"

#include "support/capture_printer.h"
#include "support/escpos_decoder.h"
#include "support/qr_svg.h"

#include <chrono>

using namespace hub::it;

namespace {

std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key) { return o->getValue<std::string>(key); }

struct Patient {
    std::string id, name, mrn, tokenId, label;
};

// A hub with a doctor of its own (so the demo clinic's morning queue does not
// interfere) and three patients checked in to that doctor.
struct SlipDay {
    explicit SlipDay(std::vector<std::string> extraArgs = {}) : hub(dir, HubOptions{std::move(extraArgs)}) {
        auto admin = signedIn(hub, "admin");
        const auto doctor = admin->post("/api/v1/staff", R"({"username":"dr.karim","display_name":"Dr. Karim",
            "role":"doctor","password":"a long enough password",
            "doctor":{"token_prefix":"C","room":"3","registration_number":"A-99999"}})");
        REQUIRE(doctor.status == 201);
        doctorId = str(doctor.json, "id");
        reception = signedIn(hub, "reception");
        drKarim = signedIn(hub, "dr.karim", "a long enough password");
        int n = 0;
        for (const char* name : {"Karim Uddin", "Salma Khatun", "Rahima Begum"}) {
            const auto p = reception->post("/api/v1/patients",
                                           json({{"name", std::string(name)}, {"sex", "female"}, {"age_years", 40},
                                                 {"phone", "0171234567" + std::to_string(++n)},
                                                 {"preferred_language", "en"}}));
            INFO(p.describe());
            REQUIRE(p.status == 201);
            const auto t = reception->post("/api/v1/tokens", json({{"patient_id", str(p.json, "id")}, {"doctor_id", doctorId}}));
            REQUIRE(t.status == 201);
            patients.push_back({str(p.json, "id"), name, str(p.json, "mrn"), str(t.json, "id"), str(t.json, "label")});
        }
    }

    HubDataDir dir;
    HubProcess hub;
    std::string doctorId;
    std::unique_ptr<HubClient> reception, drKarim;
    std::vector<Patient> patients;
};

std::string codeIn(const std::string& url) { return url.substr(url.rfind("/t/") + 3); }

}  // namespace

TEST_CASE("a slip printed through the hub reaches the network printer as a raster of the tracking link",
          "[integration][slip]") {
    hub::test::CapturePrinter printer;
    SlipDay day({"--printer-address", printer.address(), "--printer-paper", "58"});
    const Patient& mine = day.patients[2];

    const auto printed = day.reception->post("/api/v1/tokens/" + mine.tokenId + "/slip/print", "{}");
    INFO(printed.describe());
    REQUIRE(printed.status == 200);
    CHECK(str(printed.json, "printer") == printer.address());
    CHECK(str(printed.json, "paper") == "58");
    const std::string url = str(printed.json, "tracking_url");
    CHECK(url.find("/t/") != std::string::npos);

    const auto jobs = printer.jobs();
    REQUIRE(jobs.size() == 1);
    const auto job = hub::test::decodeEscPos(jobs[0]);
    CHECK(job.initialised);
    CHECK(job.cut);
    CHECK(job.image.width == 384);
    CHECK(hub::test::decodeQrCodes(job.image) == std::vector<std::string>{url});

    // An 80 mm slip on request; the same link.
    REQUIRE(day.reception->post("/api/v1/tokens/" + mine.tokenId + "/slip/print", R"({"paper":"80"})").status == 200);
    const auto second = hub::test::decodeEscPos(printer.jobs(2).at(1));
    CHECK(second.image.width == 576);
    CHECK(hub::test::decodeQrCodes(second.image) == std::vector<std::string>{url});

    // The patient's phone opens the link without signing in.
    auto phone = day.hub.client();
    const auto tracked = phone->get("/api/v1/track/" + codeIn(url));
    INFO(tracked.describe());
    REQUIRE(tracked.status == 200);
    CHECK(str(tracked.json, "label") == mine.label);
    CHECK(tracked.json->getValue<int>("position") == 3);
    CHECK(tracked.json->isNull("now_serving"));
    CHECK(str(tracked.json, "room") == "3");

    REQUIRE(day.drKarim->post("/api/v1/queue/call-next", json({{"doctor_id", day.doctorId}})).status == 200);
    const auto moved = phone->get("/api/v1/track/" + codeIn(url));
    CHECK(moved.json->getValue<int>("position") == 2);
    CHECK(str(moved.json, "now_serving") == day.patients[0].label);

    const auto page = phone->get("/t/" + codeIn(url));
    CHECK(page.status == 200);
    CHECK(page.header("Content-Type").rfind("text/html", 0) == 0);
    CHECK_THAT(page.body, Catch::Contains("You are number 2 in line"));
    CHECK_THAT(page.body, Catch::Contains(day.patients[0].label));
}

TEST_CASE("the patient's phone opens the printed link over plain HTTP, with no certificate to trust",
          "[integration][slip]") {
    SlipDay day;
    const auto slip = day.reception->get("/api/v1/tokens/" + day.patients[1].tokenId + "/slip");
    REQUIRE(slip.status == 200);
    const auto qr = hub::test::decodeQrCodes(hub::test::drawQrSvg(hub::test::firstSvg(slip.body), 4));
    REQUIRE(qr.size() == 1);
    // The test hub listens on loopback, which no phone could reach: the QR
    // carries the .local name on the hub's plain-HTTP port.
    const std::string httpOrigin = "http://clinic-hub.local:" + std::to_string(day.hub.httpPort());
    REQUIRE(qr[0].rfind(httpOrigin + "/t/", 0) == 0);
    const std::string path = qr[0].substr(httpOrigin.size());

    const auto page = plainGet("127.0.0.1", day.hub.httpPort(), path);
    INFO(page.body);
    REQUIRE(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains("You are number 2 in line"));
    CHECK_THAT(page.body, Catch::Contains(day.patients[1].label));
    // The page's stylesheet is served the same way; the staff API is not.
    const std::string stylesheet = page.body.substr(page.body.find("href=\"") + 6);
    const auto css = plainGet("127.0.0.1", day.hub.httpPort(), stylesheet.substr(0, stylesheet.find('"')));
    CHECK(css.status == 200);
    CHECK(css.headers.getContentType().rfind("text/css", 0) == 0);
    const auto json = plainGet("127.0.0.1", day.hub.httpPort(), "/api/v1/track/" + codeIn(qr[0]));
    CHECK(json.status == 200);
    CHECK_THAT(json.body, Catch::Contains(day.patients[1].label));
    CHECK_THAT(json.body, !Catch::Contains(day.patients[1].name));
    const auto staffApi = plainGet("127.0.0.1", day.hub.httpPort(), "/api/v1/tokens/" + day.patients[1].tokenId + "/slip");
    CHECK(staffApi.status == 308);

    // An unknown code over plain HTTP gets the kind page too.
    const auto unknown = plainGet("127.0.0.1", day.hub.httpPort(), "/t/AAAAAAAAAAAAAAAAAAAAAA");
    CHECK(unknown.status == 404);
    CHECK(unknown.headers.getContentType().rfind("text/html", 0) == 0);
}

TEST_CASE("the slip page carries a QR code of the link it prints under it", "[integration][slip]") {
    SlipDay day;
    const auto slip = day.reception->get("/api/v1/tokens/" + day.patients[0].tokenId + "/slip?paper=58");
    INFO(slip.describe());
    REQUIRE(slip.status == 200);
    CHECK(slip.header("Content-Type").rfind("text/html", 0) == 0);
    const auto qr = hub::test::decodeQrCodes(hub::test::drawQrSvg(hub::test::firstSvg(slip.body), 4));
    REQUIRE(qr.size() == 1);
    CHECK_THAT(slip.body, Catch::Contains(">" + qr[0] + "<"));
    CHECK_THAT(slip.body, Catch::Contains("/assets/slip.css?paper=58"));
    CHECK(day.hub.client()->get("/assets/slip.css?paper=58").body.find("58mm") != std::string::npos);

    auto cashier = signedIn(day.hub, "cashier");
    CHECK(cashier->get("/api/v1/tokens/" + day.patients[0].tokenId + "/slip").status == 403);
    CHECK(day.reception->get("/api/v1/tokens/" + day.patients[0].tokenId + "/slip?paper=57").errorField() == "paper");
}

TEST_CASE("a printer that is off, or none at all, is a clear error naming printer.address", "[integration][slip]") {
    SECTION("switched off") {
        const std::string address = "127.0.0.1:" + std::to_string(hub::test::closedLoopbackPort());
        SlipDay day({"--printer-address", address});
        const auto started = std::chrono::steady_clock::now();
        const auto r = day.reception->post("/api/v1/tokens/" + day.patients[0].tokenId + "/slip/print", "{}");
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
        INFO(r.describe());
        CHECK(r.status == 503);
        checkErrorShape(r);
        CHECK(r.errorField() == "printer.address");
        CHECK_THAT(r.errorMessage(), Catch::Contains("the printer at " + address));
    }
    SECTION("not configured") {
        SlipDay day;
        const auto r = day.reception->post("/api/v1/tokens/" + day.patients[0].tokenId + "/slip/print", "{}");
        CHECK(r.status == 409);
        CHECK(r.errorField() == "printer.address");
    }
}

TEST_CASE("a tracking link reveals nothing of other patients", "[integration][tracking][privacy]") {
    SlipDay day;
    const Patient& mine = day.patients[2];
    const auto slip = day.reception->get("/api/v1/tokens/" + mine.tokenId + "/slip");
    const auto qr = hub::test::decodeQrCodes(hub::test::drawQrSvg(hub::test::firstSvg(slip.body), 4));
    REQUIRE(qr.size() == 1);
    REQUIRE(day.drKarim->post("/api/v1/queue/call-next", json({{"doctor_id", day.doctorId}})).status == 200);

    auto phone = day.hub.client();
    const auto tracked = phone->get("/api/v1/track/" + codeIn(qr[0]));
    const auto page = phone->get("/t/" + codeIn(qr[0]));
    REQUIRE(tracked.status == 200);
    REQUIRE(page.status == 200);
    for (const auto& body : {tracked.body, page.body}) {
        for (const auto& p : day.patients) {
            CHECK(body.find(p.name) == std::string::npos);
            CHECK(body.find(p.mrn) == std::string::npos);
            CHECK(body.find("\"" + p.id + "\"") == std::string::npos);
        }
        CHECK(body.find(day.patients[0].label) != std::string::npos);  // now serving: the one label allowed
        CHECK(body.find(day.patients[1].label) == std::string::npos);  // waiting ahead: not shown
    }
    std::set<std::string> fields;
    for (const auto& name : tracked.json->getNames()) fields.insert(name);
    CHECK(fields == std::set<std::string>{"label", "state", "position", "now_serving", "estimated_wait_minutes",
                                          "doctor_name", "room", "language", "expires_at"});
}

TEST_CASE("unknown links get a kind 404 page, and guessing runs into 429 with Retry-After",
          "[integration][tracking]") {
    SlipDay day;
    auto phone = day.hub.client();
    const auto json404 = phone->get("/api/v1/track/AAAAAAAAAAAAAAAAAAAAAA");
    CHECK(json404.status == 404);
    checkErrorShape(json404);
    const auto page = phone->get("/t/AAAAAAAAAAAAAAAAAAAAAB");
    CHECK(page.status == 404);
    CHECK(page.header("Content-Type").rfind("text/html", 0) == 0);
    CHECK_THAT(page.body, Catch::Contains("This link is not valid"));
    CHECK_THAT(page.body, Catch::Contains("এই লিংকটি আর কাজ করছে না"));
    CHECK_THAT(page.body, !Catch::Contains("error"));

    HttpResult r;
    for (int i = 0; i < 40 && r.status != 429; ++i) r = phone->get("/t/guess" + std::to_string(1000000000 + i) + "xxxxxxx");
    CHECK(r.status == 429);
    CHECK(std::stoi(r.header("Retry-After")) > 0);
    CHECK_THAT(r.body, Catch::Contains("Please wait a moment"));
    CHECK(phone->get("/api/v1/track/AAAAAAAAAAAAAAAAAAAAAA").status == 429);
    checkStillHealthy(day.hub);
}
