// The review of a deletion request: the admin who took it may not review it
// while another active admin can, and the clinic's only active admin may, the
// review being marked as a self-review.
#include "queue_test_support.h"

#include "hub/rights/data_request_service.h"
#include "hub/store/staff_repository.h"

#include "support/catch.h"

using namespace hub;
using namespace hub::testing;

TEST_CASE("a deletion request is reviewed by another admin while there is one, else by its taker, marked",
          "[rights][data_request]") {
    QueueFixture f;
    rights::DataRequestService requests{*f.db, f.clock, f.audit};
    const auto otherAdmin = f.addStaff("admin2", "admin");
    const auto taken = requests.createDataRequest(f.actor(f.adminMember), f.addPatient(), "in_person", "");
    REQUIRE(taken.request.eligible.value_or(false));

    // errorOf (queue_test_support.h): the code and the field a call throws.
    CHECK(errorOf([&] {
              requests.reviewDataRequest(f.actor(f.adminMember), taken.request.id, "approve", "asked at the desk");
          }) == std::make_pair(ErrorCode::Forbidden, std::string()));

    // The other admin leaves: the taker is now the only one who can review.
    f.db->write([&](store::Connection& c) { store::StaffRepository(c).setDisabled(otherAdmin.id, true, f.clock.now()); });
    const auto reviewed =
        requests.reviewDataRequest(f.actor(f.adminMember), taken.request.id, "approve", "asked at the desk");
    CHECK(reviewed.selfReviewed);
    CHECK(reviewed.request.state == "approved");
    // Read again, and once executed, the request still says who reviewed it.
    CHECK(requests.getDataRequest(f.actor(f.adminMember), taken.request.id).selfReviewed);
    const auto executed = requests.executeDataRequest(f.actor(f.adminMember), taken.request.id);
    CHECK(executed.selfReviewed);
    CHECK(executed.request.state == "executed");
}

TEST_CASE("a deletion request's note and a review's reason are free text: UTF-8, bounded, lines but no control characters",
          "[rights][data_request]") {
    QueueFixture f;
    rights::DataRequestService requests{*f.db, f.clock, f.audit};
    const long long patient = f.addPatient();
    const auto refusal = [&](const std::string& note) {
        return errorOf([&] { requests.createDataRequest(f.actor(f.adminMember), patient, "letter", note); });
    };
    for (const std::string& bad : {std::string("a\x01z"), std::string("tab\there"), std::string("\xff\xfe"),
                                   std::string(501, 'x')})
        CHECK(refusal(bad) == std::make_pair(ErrorCode::InvalidInput, std::string("note")));
    const auto taken = requests.createDataRequest(f.actor(f.adminMember), patient, "letter", "line one\nline two");
    CHECK(taken.request.id > 0);
    const auto otherAdmin = f.addStaff("admin2", "admin");
    CHECK(errorOf([&] { requests.reviewDataRequest(f.actor(otherAdmin), taken.request.id, "approve", ""); }) ==
          std::make_pair(ErrorCode::InvalidInput, std::string("reason")));
}
