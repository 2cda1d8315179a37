// The hook the daemon uses to re-advertise the clinic: called after a committed
// profile change, never for a refused one.
#include "auth_test_support.h"
#include "hub/core/error.h"
#include "hub/opd/clinic_service.h"

#include "support/catch.h"

#include <vector>

using namespace hub;
using hub::testing::AuthFixture;

TEST_CASE("the clinic service tells its listener about a committed profile change only", "[discovery][clinic]") {
    AuthFixture f;
    opd::ClinicService clinic{*f.db, f.clock, f.audit};
    std::vector<std::string> heard;
    clinic.onProfileChanged([&](const domain::ClinicProfile& p) { heard.push_back(p.name); });
    CHECK(clinic.profile().name == "Shanti Clinic");

    opd::ClinicUpdate rename;
    rename.name = "Nirapod Clinic";
    clinic.updateClinic(f.admin, rename);
    CHECK(heard == std::vector<std::string>{"Nirapod Clinic"});
    CHECK(clinic.profile().name == "Nirapod Clinic");

    SECTION("a refused change is not heard") {
        opd::ClinicUpdate bad;
        bad.name = "";
        CHECK_THROWS_AS(clinic.updateClinic(f.admin, bad), Error);
        const auto nurse = f.actorFor(f.addStaff("nurse", "nurse"));
        CHECK_THROWS_AS(clinic.updateClinic(nurse, rename), Error);
        CHECK(heard.size() == 1);
        CHECK(clinic.profile().name == "Nirapod Clinic");
    }
}
