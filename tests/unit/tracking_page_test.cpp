// The patient's tracking page and the pages for bad links and busy networks.
#include "hub/slip/tracking_page.h"

#include "support/catch.h"

using namespace hub;
using namespace hub::slip;

namespace {

TrackingView waiting(const std::string& language) {
    TrackingView v;
    v.label = "A-023";
    v.state = domain::TokenState::Waiting;
    v.position = 4;
    v.estimatedWaitMinutes = 18;
    v.nowServing = "A-019";
    v.doctorName = language == "bn" ? "ডা. রহমান" : "Dr. Rahman";
    v.room = "2";
    v.language = *hub::domain::parseLanguage(language);
    return v;
}

}  // namespace

TEST_CASE("the page shows place, now serving, wait, doctor and room, and refreshes itself", "[tracking]") {
    const std::string en = renderTrackingPage(waiting("en"));
    for (const char* part : {"lang=\"en\"", "A-023", "You are number 4 in line", "A-019", "about 18 minutes",
                             "Dr. Rahman", "<meta http-equiv=\"refresh\" content=\"15\">", "/assets/track.css"})
        CHECK_THAT(en, Catch::Contains(part));
    CHECK_THAT(en, !Catch::Contains("<script"));
    CHECK_THAT(en, !Catch::Contains("style="));
}

TEST_CASE("in Bangla the page uses Bangla words and numerals", "[tracking]") {
    const std::string bn = renderTrackingPage(waiting("bn"));
    for (const char* part : {"lang=\"bn\"", "A-০২৩", "লাইনে আপনি ৪ নম্বরে", "A-০১৯", "প্রায় ১৮ মিনিট", "ডা. রহমান", "কক্ষ"})
        CHECK_THAT(bn, Catch::Contains(part));
    CHECK_THAT(bn, !Catch::Contains("A-023"));
}

TEST_CASE("a finished token's page stops refreshing", "[tracking]") {
    auto v = waiting("en");
    v.state = domain::TokenState::Done;
    v.position.reset();
    v.estimatedWaitMinutes.reset();
    const std::string page = renderTrackingPage(v);
    CHECK_THAT(page, Catch::Contains("Your consultation is complete"));
    CHECK_THAT(page, !Catch::Contains("http-equiv=\"refresh\""));
}

TEST_CASE("a bad link and a busy network get a kind page in both languages", "[tracking]") {
    const std::string missing = renderTrackingNotFoundPage();
    CHECK_THAT(missing, Catch::Contains("This link is not valid"));
    CHECK_THAT(missing, Catch::Contains("অভ্যর্থনায়"));
    const std::string busy = renderTrackingBusyPage(30);
    CHECK_THAT(busy, Catch::Contains("try again in 30 seconds"));
    CHECK_THAT(busy, Catch::Contains("৩০ সেকেন্ড"));
}
