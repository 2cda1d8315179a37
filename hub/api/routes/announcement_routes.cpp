#include "hub/api/routes/announcement_routes.h"

namespace hub::api {
namespace {

constexpr const char* kWav = "audio/wav";

}  // namespace

std::vector<Route> announcementRoutes(speech::AnnouncementService& announcements) {
    std::vector<Route> routes;

    Route announce = publicRoute("GET", "/api/v1/display/{key}/announcement", "getAnnouncement",
                                 "The spoken call of a token for a display: chime, then the call in the display's "
                                 "languages; the chime alone when no voice pack speaks them");
    announce.tag = "display";
    announce.queryParameters = {
        {"label", withLength(string("the token label, e.g. A-023"), 1, 8), true},
        {"room", withLength(string("letters, digits and single spaces, e.g. 2 or OPD 3"), 1, 12), true},
    };
    announce.rawContentType = kWav;
    announce.errorStatuses = {404};
    announce.handler = [&announcements](ApiRequest& r) {
        const auto a = announcements.announce(r.path("key"), *r.queryValue("label"), *r.queryValue("room"));
        std::string languages;
        for (const auto l : a.spoken)
            languages += (languages.empty() ? "" : ", ") + std::string(domain::languageName(l));
        ApiResponse response = ApiResponse::bytes(kWav, *a.wav);
        // Which languages the audio speaks; absent when it is the chime alone.
        if (!languages.empty()) response.header("Content-Language", languages);
        return response;
    };
    routes.push_back(std::move(announce));

    Route chime = publicRoute("GET", "/display/assets/chime.wav", "getChime",
                              "The two-tone chime, for displays whose sound is chime");
    chime.tag = "display";
    chime.rawContentType = kWav;
    chime.handler = [&announcements](ApiRequest&) { return ApiResponse::bytes(kWav, *announcements.chime()); };
    routes.push_back(std::move(chime));
    return routes;
}

}  // namespace hub::api
