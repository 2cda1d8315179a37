#pragma once
// The clinic and what day it is there: the one way a service asks. Token
// numbers, follow-up dates, ages and tracking links all turn at midnight in
// the clinic's own timezone (domain/clinic_day.h), read in the caller's
// transaction so the answer and the change agree.
#include "hub/core/clock.h"
#include "hub/core/error.h"
#include "hub/domain/clinic.h"
#include "hub/domain/clinic_day.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/connection.h"

namespace hub::service {

// Unavailable: no `clinic-hub init` has run on this data directory.
Error clinicNotInitialised();

// The clinic's row; clinicNotInitialised() when there is none.
store::ClinicRecord requireClinic(store::Connection& c);

struct ClinicToday {
    domain::ClinicProfile profile;
    domain::ClinicDay day;  // the date, its local midnights, the UTC offset now

    domain::Date date() const { return day.calendarDate(); }
};

// The clinic and its day at now.
ClinicToday clinicToday(store::Connection& c, TimePoint now);

// The clinic's calendar date at t: today, or the day a visit was opened.
domain::Date clinicDateAt(store::Connection& c, TimePoint t);

}  // namespace hub::service
