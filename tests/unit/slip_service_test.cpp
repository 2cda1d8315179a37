// Token slips on a real database: the link a slip carries, its language, who
// may make one, the audit trail, and direct printing to a loopback stand-in
// for a network receipt printer (or to nothing at all).
#include "slip_test_support.h"

#include "support/capture_printer.h"
#include "support/escpos_decoder.h"
#include "support/qr_svg.h"

#include "support/catch.h"

using namespace hub;
using namespace hub::testing;
using std::chrono::steady_clock;

TEST_CASE("the first slip issues the tracking link and later slips print the same one", "[slip]") {
    SlipFixture f;
    f.checkInNew(f.doctorA);
    const auto t = f.checkInNew(f.doctorA);
    const auto first = f.slips.slip(f.reception(), t.row.token.id, receptionDesk);
    CHECK(first.trackingUrl.rfind("http://192.168.1.10:8080/t/", 0) == 0);
    CHECK(first.alternateUrl.rfind("http://clinic-hub.local:8080/t/", 0) == 0);
    const std::string code = first.trackingUrl.substr(first.trackingUrl.rfind('/') + 1);
    CHECK(slip::wellFormedTrackingCode(code));
    CHECK(first.label == "A-002");
    CHECK(first.ahead == 1);
    CHECK(first.checkedIn == "24-11-2026 09:00");

    const auto again = f.slips.slip(f.reception(), t.row.token.id, receptionDesk);
    CHECK(again.trackingUrl == first.trackingUrl);

    const auto e = f.lastAudit();
    CHECK(e.action == "token.slip");
    CHECK(e.patientId == t.row.token.patientId);
    CHECK(e.objectId == std::to_string(t.row.token.id));
}

TEST_CASE("a slip is in the patient's language, with Bangla digits in Bangla", "[slip]") {
    SlipFixture f;
    const auto t = f.checkInNew(f.doctorA);
    const std::string html = f.slips.slipHtml(f.reception(), t.row.token.id, slip::PaperWidth::Mm58, receptionDesk);
    CHECK(html.find("lang=\"bn\"") != std::string::npos);
    CHECK(html.find("টোকেন") != std::string::npos);
    CHECK(html.find("A-০০১") != std::string::npos);
    CHECK(html.find("২৪-১১-২০২৬ ০৯:০০") != std::string::npos);

    f.setLanguage(t.row.token.patientId, "en");
    const std::string en = f.slips.slipHtml(f.reception(), t.row.token.id, slip::PaperWidth::Mm80, receptionDesk);
    CHECK(en.find("lang=\"en\"") != std::string::npos);
    CHECK(en.find("A-001") != std::string::npos);
    CHECK(en.find("Patients ahead: 0") != std::string::npos);
    CHECK(en.find("slip.css?paper=80") != std::string::npos);
}

TEST_CASE("the slip page's QR code reads back as the link printed under it", "[slip]") {
    SlipFixture f;
    const auto t = f.checkInNew(f.doctorA);
    const auto slip = f.slips.slip(f.reception(), t.row.token.id, receptionDesk);
    const std::string html = f.slips.slipHtml(f.reception(), t.row.token.id, slip::PaperWidth::Mm58, receptionDesk);
    const std::string svg = test::firstSvg(html);
    REQUIRE_FALSE(svg.empty());
    CHECK(test::decodeQrCodes(test::drawQrSvg(svg, 4)) == std::vector<std::string>{slip.trackingUrl});
    CHECK(html.find(">" + slip.trackingUrl + "<") != std::string::npos);
}

TEST_CASE("slips are for today's tokens and for the staff who check patients in", "[slip]") {
    SlipFixture f;
    const auto t = f.checkInNew(f.doctorA);
    const auto cashier = f.addStaff("cashier", "cashier");
    CHECK(errorOf([&] { f.slips.slip(f.actor(cashier), t.row.token.id, receptionDesk); })->first ==
          ErrorCode::Forbidden);
    CHECK(errorOf([&] { f.slips.slip(f.reception(), 9999, receptionDesk); }) ==
          std::make_pair(ErrorCode::NotFound, std::string("id")));
    f.clock.advance(std::chrono::hours(24));
    CHECK(errorOf([&] { f.slips.slip(f.reception(), t.row.token.id, receptionDesk); }) ==
          std::make_pair(ErrorCode::Conflict, std::string("id")));
}

TEST_CASE("printing needs a configured printer", "[slip][printer]") {
    SlipFixture f;
    const auto t = f.checkInNew(f.doctorA);
    try {
        f.slips.print(f.reception(), t.row.token.id, std::nullopt, receptionDesk);
        FAIL("printed without a printer");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::Conflict);
        CHECK(e.field() == "printer.address");
        CHECK_THAT(e.what(), Catch::Contains("[printer] address"));
    }
}

TEST_CASE("a printer that is not there is a clear error within seconds, and is audited", "[slip][printer]") {
    const std::string address = "127.0.0.1:" + std::to_string(test::closedLoopbackPort());
    SlipFixture f({address, slip::PaperWidth::Mm58});
    const auto t = f.checkInNew(f.doctorA);
    const auto started = steady_clock::now();
    try {
        f.slips.print(f.reception(), t.row.token.id, std::nullopt, receptionDesk);
        FAIL("printed to a closed port");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::Unavailable);
        CHECK(e.field() == "printer.address");
        CHECK_THAT(e.what(), Catch::Contains("the printer at " + address + " refused the connection"));
    }
    CHECK(steady_clock::now() - started < std::chrono::seconds(4));
    const auto e = f.lastAudit();
    CHECK(e.action == "token.slip_print");
    CHECK(e.outcome == "failure");
    CHECK(e.patientId == t.row.token.patientId);
}

TEST_CASE("a printed slip reaches the printer as an ESC/POS raster whose QR code is the link", "[slip][printer]") {
    test::CapturePrinter printer;
    SlipFixture f({printer.address(), slip::PaperWidth::Mm80});
    const auto t = f.checkInNew(f.doctorA);
    const auto paper = GENERATE(std::optional<slip::PaperWidth>{}, std::optional{slip::PaperWidth::Mm58});
    const auto receipt = f.slips.print(f.reception(), t.row.token.id, paper, receptionDesk);
    CHECK(receipt.printer == printer.address());

    const auto jobs = printer.jobs();
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].size() == receipt.bytes);
    const auto job = test::decodeEscPos(jobs[0]);
    CHECK(job.initialised);
    CHECK(job.cut);
    CHECK(job.image.width == (paper ? 384 : 576));
    CHECK(job.maxBandRows <= 128);
    CHECK(job.bands > 1);
    CHECK(test::decodeQrCodes(job.image) == std::vector<std::string>{receipt.trackingUrl});
    CHECK(f.lastAudit().action == "token.slip_print");
    CHECK(f.lastAudit().outcome == "success");
}
