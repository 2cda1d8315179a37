#pragma once
// A clinic with doctors and patients on a real temporary database, a manual
// clock in Dhaka, and a sink that records queue events, for the queue tests.
#include "hub/audit/audit_log.h"
#include "hub/auth/bootstrap.h"
#include "hub/auth/password_hasher.h"
#include "hub/core/error.h"
#include "hub/opd/queue_service.h"
#include "hub/store/audit_repository.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/database.h"
#include "service_test_support.h"
#include "store_test_support.h"

#include <mutex>
#include <string>
#include <vector>

namespace hub::testing {

inline constexpr auth::Argon2Params cheapQueueArgon2{8, 1, 1};

// 2026-11-24 09:00 in Dhaka (UTC+6).
inline const TimePoint dhakaMorning = fromUnixSeconds(1'795'489'200);

class RecordingSink final : public opd::QueueEventSink {
public:
    void publish(const opd::QueueEvent& e) override {
        std::lock_guard lock(mutex_);
        events_.push_back(e);
    }
    std::vector<opd::QueueEvent> events() const {
        std::lock_guard lock(mutex_);
        return events_;
    }
    std::vector<std::string> types() const {
        std::vector<std::string> out;
        for (const auto& e : events()) out.push_back(e.type);
        return out;
    }
    void clear() {
        std::lock_guard lock(mutex_);
        events_.clear();
    }

private:
    mutable std::mutex mutex_;
    std::vector<opd::QueueEvent> events_;
};

struct QueueFixture {
    TempDir dir;
    ManualClock clock{dhakaMorning};
    std::unique_ptr<store::Database> db = store::Database::open(dir.file("hub.db"));
    auth::PasswordHasher hasher{cheapQueueArgon2};
    audit::AuditLog audit{clock};
    RecordingSink sink;
    opd::QueueService queue{*db, clock, audit, &sink};
    domain::StaffMember adminMember =
        auth::initializeClinic({*db, clock, hasher, audit}, "Shanti Clinic", "admin", "correct horse battery");
    domain::StaffMember doctorA = addDoctor("dr.rahman", "A");
    domain::StaffMember doctorB = addDoctor("dr.akter", "B");
    domain::StaffMember receptionistMember = addStaff("reception", "receptionist");
    domain::StaffMember nurseMember = addStaff("nurse", "nurse");
    int patientCount = 0;

    auth::ActorContext actor(const domain::StaffMember& m) const {
        return {m.id, m.username, m.role, "192.168.1.20", 0};
    }
    auth::ActorContext reception() const { return actor(receptionistMember); }
    auth::ActorContext nurse() const { return actor(nurseMember); }
    auth::ActorContext drA() const { return actor(doctorA); }
    auth::ActorContext drB() const { return actor(doctorB); }

    domain::StaffMember addStaff(const std::string& username, const std::string& role) {
        return auth::addStaffByUsername({*db, clock, hasher, audit}, username, "Staff " + username, role,
                                        "a long enough password");
    }
    domain::StaffMember addDoctor(const std::string& username, const std::string& prefix) {
        domain::DoctorProfile profile;
        profile.nameEn = "Dr " + username.substr(3);
        profile.tokenPrefix = prefix;
        return auth::addStaffByUsername({*db, clock, hasher, audit}, username, "Dr " + username.substr(3), "doctor",
                                        "a long enough password", profile);
    }

    // Patients come from the patients slice in production; here, one row each.
    long long addPatient(const std::string& name = {}) {
        const int n = ++patientCount;
        const std::string patientName = name.empty() ? "Patient " + std::to_string(n) : name;
        return db->write([&](store::Connection& c) {
            auto q = c.prepare("INSERT INTO patients (mrn, name, sex, created_at, updated_at) VALUES (?1, ?2, 'female', 0, 0)");
            q->bind(1, "26-" + std::to_string(100000 + n));
            q->bind(2, patientName);
            q->exec();
            return c.lastInsertRowid();
        });
    }

    opd::TokenView checkIn(long long patientId, const domain::StaffMember& doctor, const std::string& priority = "normal") {
        return queue.checkIn(reception(), {patientId, doctor.id, priority});
    }
    opd::TokenView checkInNew(const domain::StaffMember& doctor, const std::string& priority = "normal") {
        return checkIn(addPatient(), doctor, priority);
    }

    void setNumbering(domain::TokenNumbering numbering) {
        db->write([&](store::Connection& c) {
            store::ClinicRepository clinics(c);
            auto profile = clinics.get()->profile;
            profile.tokenNumbering = numbering;
            clinics.updateProfile(profile, clock.now());
        });
    }

    std::vector<store::AuditRecord> auditTrail() { return auditTrailOf(*db); }
    store::AuditRecord lastAudit() { return auditTrail().back(); }
};

// The error code a call throws, for REQUIRE(errorOf(...) == ...).
template <typename Fn>
std::optional<std::pair<ErrorCode, std::string>> errorOf(Fn&& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return std::make_pair(e.code(), e.field());
    }
    return std::nullopt;
}

}  // namespace hub::testing
