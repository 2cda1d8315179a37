#pragma once
// What a waiting-room screen may know of the queues: per doctor, the token now
// being served, the next few and how many wait; token labels, doctor names and
// rooms, never a patient's name, phone or record number (at most a first-name
// initial, when the display's show_initial is on).
#include "hub/core/clock.h"
#include "hub/domain/clinic.h"
#include "hub/domain/display.h"
#include "hub/domain/queue.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <vector>

namespace hub::display {

inline constexpr std::size_t nextShown = 5;

struct BoardToken {
    std::string label;           // "A-007"
    domain::TokenState state{};  // called or in consultation (now serving); waiting (next)
    std::string initial;         // the patient's first-name initial; shown only if the display allows
};

// One doctor's part of a screen.
struct DoctorBoard {
    domain::DoctorProfile doctor;
    std::optional<BoardToken> nowServing;  // the token called last, else the one in consultation
    std::vector<BoardToken> next;          // up to nextShown, in call order
    int waitingCount = 0;
};

struct ClinicHeading {
    std::string name;
    std::string clinicDay;  // today in the clinic's timezone
    int utcOffsetMinutes = 0;
};

struct DisplayState {
    long long eventId = 0;  // the last journal event the state includes
    TimePoint serverTime{};
    ClinicHeading clinic;
    domain::Display display;
    std::vector<DoctorBoard> doctors;
};

// The clinic's name and today, as of now. Throws Unavailable before `init`.
ClinicHeading readHeading(store::Connection& c, TimePoint now);

// The doctors a display shows: its own list in order, or every active doctor.
std::vector<domain::DoctorProfile> doctorsOn(store::Connection& c, const domain::Display& display);
bool shows(const domain::Display& display, long long doctorId);

// One read of a doctor's live tokens today.
DoctorBoard readBoard(store::Connection& c, const domain::DoctorProfile& doctor, const std::string& clinicDay);

// Everything a screen shows; eventId is left for the caller to set.
DisplayState readState(store::Connection& c, const domain::Display& display, TimePoint now);

}  // namespace hub::display
