#include "hub/slip/tracking_service.h"

#include "hub/core/error.h"
#include "hub/slip/token_slip.h"
#include "hub/slip/tracking_link.h"
#include "hub/store/tracking_repository.h"

namespace hub::slip {
namespace {

constexpr int maxTransfers = 16;  // a patient is moved a few times at most

}  // namespace

TrackingService::TrackingService(store::Database& db, const Clock& clock, opd::QueueService& queue,
                                 TrackingPolicy policy)
    : db_(db), queue_(queue), reads_(clock, policy.reads), misses_(clock, policy.misses) {}

void TrackingService::miss(std::string_view clientAddress) {
    misses_.take(clientAddress, "unknown tracking links from this address");
    throw notFound("this tracking link is unknown or has expired");
}

TrackingView TrackingService::track(std::string_view code, std::string_view clientAddress) {
    reads_.take(clientAddress, "tracking requests from this address");
    misses_.check(clientAddress, "unknown tracking links from this address");
    if (!wellFormedTrackingCode(code)) miss(clientAddress);
    const auto found = db_.read([&](store::Connection& c) { return store::TrackingRepository(c).findByCode(code); });
    if (!found) miss(clientAddress);

    opd::TokenStanding s = queue_.standing(found->tokenId);
    for (int hops = 0; hops < maxTransfers && s.token.row.token.state == domain::TokenState::Transferred &&
                       s.token.row.token.transferredTo;
         ++hops)
        s = queue_.standing(*s.token.row.token.transferredTo);
    const domain::Token& t = s.token.row.token;
    if (t.clinicDay != s.today.date) miss(clientAddress);

    TrackingView v;
    v.label = t.label;
    v.state = t.state;
    v.position = s.token.position;
    v.estimatedWaitMinutes = s.token.estimatedWaitMinutes;
    v.nowServing = s.nowServing;
    v.language = domain::pageLanguage(found->language);
    v.doctorName = v.language == domain::Language::Bangla && !s.doctor.nameBn.empty() ? s.doctor.nameBn : s.doctor.nameEn;
    v.room = s.doctor.room;
    v.expiresAt = s.today.end;
    v.utcOffsetMinutes = s.today.utcOffsetMinutes;
    return v;
}

}  // namespace hub::slip
