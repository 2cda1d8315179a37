#include "hub/display/display_projection.h"

#include "hub/core/error.h"
#include "hub/service/clinic_today.h"
#include "hub/store/doctor_repository.h"
#include "hub/store/token_repository.h"

#include <algorithm>
#include <map>

namespace hub::display {

ClinicHeading readHeading(store::Connection& c, TimePoint now) {
    const service::ClinicToday today = service::clinicToday(c, now);
    return {today.profile.name, today.day.date, today.day.utcOffsetMinutes};
}

bool shows(const domain::Display& display, long long doctorId) {
    const auto& ids = display.settings.doctorIds;
    return ids.empty() || std::find(ids.begin(), ids.end(), doctorId) != ids.end();
}

std::vector<domain::DoctorProfile> doctorsOn(store::Connection& c, const domain::Display& display) {
    store::DoctorRepository doctors(c);
    std::vector<domain::DoctorProfile> out;
    if (display.settings.doctorIds.empty()) {
        for (auto& d : doctors.list())
            if (d.active) out.push_back(std::move(d));
        return out;
    }
    for (long long id : display.settings.doctorIds)
        if (auto d = doctors.find(id)) out.push_back(std::move(*d));
    return out;
}

DoctorBoard readBoard(store::Connection& c, const domain::DoctorProfile& doctor, const std::string& clinicDay) {
    std::map<long long, std::string> initials;
    std::vector<domain::Token> tokens;
    for (auto& row : store::TokenRepository(c).liveDay(doctor.staffId, clinicDay, 0)) {
        initials[row.token.id] = domain::nameInitial(row.patient.name);
        tokens.push_back(std::move(row.token));
    }
    const domain::DoctorQueue queue(std::move(tokens));
    const auto boardToken = [&](const domain::Token& t) { return BoardToken{t.label, t.state, initials[t.id]}; };

    DoctorBoard board;
    board.doctor = doctor;
    if (const auto* t = queue.called() ? queue.called() : queue.inConsultation()) board.nowServing = boardToken(*t);
    const auto waiting = queue.waitingInOrder();
    board.waitingCount = static_cast<int>(waiting.size());
    for (std::size_t i = 0; i < waiting.size() && i < nextShown; ++i) board.next.push_back(boardToken(*waiting[i]));
    return board;
}

DisplayState readState(store::Connection& c, const domain::Display& display, TimePoint now) {
    DisplayState state;
    state.serverTime = now;
    state.clinic = readHeading(c, now);
    state.display = display;
    for (const auto& doctor : doctorsOn(c, display)) state.doctors.push_back(readBoard(c, doctor, state.clinic.clinicDay));
    return state;
}

}  // namespace hub::display
