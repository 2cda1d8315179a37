#pragma once
// The queue fixture plus the slip and tracking services over it, for the
// token slip and tracking link tests.
#include "queue_test_support.h"

#include "hub/slip/slip_service.h"
#include "hub/slip/tracking_service.h"

#include <string>

namespace hub::testing {

// The hub as clinic-hub.local:8443, reached by a receptionist at 192.168.1.10.
inline const slip::HubNames testHub{"clinic-hub", 8443, 8080};
inline const slip::RequestOrigin receptionDesk{"192.168.1.10"};

struct SlipFixture : QueueFixture {
    explicit SlipFixture(slip::PrinterSettings printer = {}, slip::TrackingPolicy policy = {})
        : slips(*db, random, audit, queue, [] { return testHub; }, std::move(printer)), tracking(*db, clock, queue, policy) {}

    SeededRandom random{8};
    slip::SlipService slips;
    slip::TrackingService tracking;

    // The code in the slip's tracking link (issued by the first slip).
    std::string trackingCode(long long tokenId) {
        const std::string url = slips.slip(reception(), tokenId, receptionDesk).trackingUrl;
        return url.substr(url.rfind('/') + 1);
    }
    slip::TrackingView track(const std::string& code, const std::string& from = "10.0.0.7") {
        return tracking.track(code, from);
    }
    void setLanguage(long long patientId, const std::string& language) {
        db->write([&](store::Connection& c) {
            auto q = c.prepare("UPDATE patients SET preferred_language = ?2 WHERE id = ?1");
            q->bind(1, static_cast<int64_t>(patientId));
            q->bind(2, language);
            q->exec();
        });
    }
};

}  // namespace hub::testing
