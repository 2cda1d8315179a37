#include "hub/api/routes/slip_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/core/error.h"
#include "hub/domain/queue.h"
#include "hub/slip/slip_html.h"
#include "hub/slip/tracking_page.h"

namespace hub::api {
namespace {

const std::vector<std::string> paperWidths{"58", "80"};

std::optional<slip::PaperWidth> paperOf(const std::optional<std::string>& text) {
    return text ? slip::parsePaperWidth(*text) : std::nullopt;  // validated against paperWidths
}

// Where the staff device reached the hub, for the links printed on the slip.
slip::RequestOrigin originOf(const ApiRequest& r) {
    std::string local = r.http.serverAddress().host().toString();
    constexpr std::string_view mapped = "::ffff:";  // IPv4 on a dual-stack listener
    if (local.rfind(mapped, 0) == 0) local.erase(0, mapped.size());
    return {local};
}

Poco::Dynamic::Var optionalInt(const std::optional<int>& v) { return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var(); }

Poco::JSON::Object::Ptr trackingJson(const slip::TrackingView& v) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("label", v.label);
    o->set("state", std::string(domain::tokenStateName(v.state)));
    o->set("position", optionalInt(v.position));
    o->set("now_serving", v.nowServing ? Poco::Dynamic::Var(*v.nowServing) : Poco::Dynamic::Var());
    o->set("estimated_wait_minutes", optionalInt(v.estimatedWaitMinutes));
    o->set("doctor_name", v.doctorName);
    o->set("room", v.room);
    o->set("language", std::string(domain::languageName(v.language)));
    o->set("expires_at", formatRfc3339(v.expiresAt, v.utcOffsetMinutes));
    return o;
}

ApiResponse html(int status, std::string body) {
    ApiResponse r = ApiResponse::bytes("text/html; charset=utf-8", std::move(body));
    r.status = status;
    return r;
}

ApiResponse stylesheet(std::string css) {
    // Styles change only with the hub's version; phones refresh the page every 15 s.
    return ApiResponse::bytes("text/css; charset=utf-8", std::move(css)).header("Cache-Control", "max-age=3600");
}

}  // namespace

Schema trackingSchema() {
    return object({
        required("label", string("the patient's own token, e.g. A-007")),
        required("state", enumeration(domain::tokenStateNames)),
        required("position", nullable(integer("1 = next to be called; null unless waiting"))),
        required("now_serving", nullable(string("the label of the doctor's token called last, if any"))),
        required("estimated_wait_minutes", nullable(integer("from the doctor's recent consultations; waiting only"))),
        required("doctor_name", string("in the patient's language when the doctor has a Bangla name")),
        required("room", string()),
        required("language",
                 enumeration(domain::hubLanguageNames, "the patient's preferred language, as the page shows it")),
        required("expires_at", withFormat(string("the end of the token's clinic day"), "date-time")),
    });
}

std::vector<Route> slipRoutes(slip::SlipService& slips) {
    std::vector<Route> routes;

    Route get = staffRoute("GET", "/api/v1/tokens/{id}/slip", domain::Operation::GetTokenSlip,
                           "The token slip for 58 or 80 mm thermal paper (HTML), with the QR code of the "
                           "patient's tracking link; the first slip issues the link");
    get.tag = "slips";
    get.queryParameters = {{"paper", enumeration(paperWidths, "paper width in mm; default 80"), false}};
    get.rawContentType = "text/html";
    get.errorStatuses = {404, 409};
    get.handler = [&slips](ApiRequest& r) {
        const auto paper = paperOf(r.queryValue("paper")).value_or(slip::PaperWidth::Mm80);
        return html(200, slips.slipHtml(actorFor(r), parseId(r.path("id"), "id"), paper, originOf(r)));
    };
    routes.push_back(std::move(get));

    Route print = staffRoute("POST", "/api/v1/tokens/{id}/slip/print", domain::Operation::PrintTokenSlip,
                             "Print the token slip on the clinic's network receipt printer (ESC/POS raster)");
    print.tag = "slips";
    print.requestBody = object({optional("paper", enumeration(paperWidths, "default: the configured paper"))});
    print.responseBody = object({
        required("printer", string("the printer's address")),
        required("paper", enumeration(paperWidths)),
        required("bytes", integer("size of the print job sent")),
        required("tracking_url", string("the link in the slip's QR code")),
    });
    print.errorStatuses = {404, 409, 503};
    print.handler = [&slips](ApiRequest& r) {
        const auto receipt = slips.print(actorFor(r), parseId(r.path("id"), "id"),
                                         paperOf(optionalField<std::string>(r.body, "paper")), originOf(r));
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("printer", receipt.printer);
        o->set("paper", std::string(slip::paperWidthName(receipt.paper)));
        o->set("bytes", static_cast<Poco::Int64>(receipt.bytes));
        o->set("tracking_url", receipt.trackingUrl);
        return ApiResponse::ok(o);
    };
    routes.push_back(std::move(print));

    Route css = publicRoute("GET", std::string(slip::slipStylesheetPath), "getSlipStylesheet",
                            "The token slip's stylesheet (page size per paper width)");
    css.tag = "assets";
    css.queryParameters = {{"paper", enumeration(paperWidths), false}};
    css.rawContentType = "text/css";
    css.handler = [](ApiRequest& r) {
        return stylesheet(slip::slipStylesheet(paperOf(r.queryValue("paper")).value_or(slip::PaperWidth::Mm80)));
    };
    routes.push_back(std::move(css));
    return routes;
}

std::vector<Route> trackingRoutes(slip::TrackingService& tracking) {
    std::vector<Route> routes;

    Route track = publicRoute("GET", "/api/v1/track/{code}", "trackToken",
                              "A patient's token now, by its tracking code: place, now serving, estimated wait. "
                              "Rate-limited per client address; unknown and expired codes are 404");
    track.tag = "tracking";
    track.responseBody = trackingSchema();
    track.errorStatuses = {404, 429};
    track.plainHttp = true;  // patients' phones do not trust the hub's root
    track.handler = [&tracking](ApiRequest& r) {
        return ApiResponse::ok(trackingJson(tracking.track(r.path("code"), r.clientAddress)));
    };
    routes.push_back(std::move(track));

    Route page = publicRoute("GET", "/t/{code}", "getTrackingPage",
                             "The patient's tracking page (HTML, phone-sized, refreshes itself); a kind page in "
                             "English and Bangla for an unknown or expired link");
    page.tag = "tracking";
    page.rawContentType = "text/html";
    page.errorStatuses = {404, 429};
    page.plainHttp = true;
    page.handler = [&tracking](ApiRequest& r) {
        try {
            return html(200, slip::renderTrackingPage(tracking.track(r.path("code"), r.clientAddress)));
        } catch (const Error& e) {
            if (e.code() == ErrorCode::NotFound) return html(404, slip::renderTrackingNotFoundPage());
            if (e.code() != ErrorCode::TooManyRequests) throw;
            return html(429, slip::renderTrackingBusyPage(e.retryAfterSeconds()))
                .header("Retry-After", std::to_string(e.retryAfterSeconds()));
        }
    };
    routes.push_back(std::move(page));

    Route css = publicRoute("GET", std::string(slip::trackingStylesheetPath), "getTrackingStylesheet",
                            "The tracking page's stylesheet");
    css.tag = "assets";
    css.rawContentType = "text/css";
    css.plainHttp = true;
    css.handler = [](ApiRequest&) { return stylesheet(slip::trackingStylesheet()); };
    routes.push_back(std::move(css));
    return routes;
}

}  // namespace hub::api
