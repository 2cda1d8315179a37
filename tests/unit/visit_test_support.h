#pragma once
// A clinic with doctors, patients and tokens for the visit tests. Patients and
// tokens are inserted with plain SQL here: their own services are built
// elsewhere, and these tests only need the rows.
#include "auth_test_support.h"
#include "hub/opd/visit_service.h"
#include "hub/store/doctor_repository.h"
#include "hub/store/vitals_repository.h"

#include <string>
#include <vector>

namespace hub::testing {

struct VisitFixture : AuthFixture {
    opd::VisitService visits{*db, clock, audit};
    domain::StaffMember doctorMember = addDoctor("drrahman", "Dr. Abdur Rahman", "BMDC A-12345");
    domain::StaffMember otherDoctorMember = addDoctor("drsen", "Dr. Priya Sen", "WBMC 67890");
    domain::StaffMember nurseMember = addStaff("nurse1", "nurse");
    auth::ActorContext doctor = actorFor(doctorMember);
    auth::ActorContext otherDoctor = actorFor(otherDoctorMember);
    auth::ActorContext nurse = actorFor(nurseMember);
    int nextMrn = 1;
    int nextToken = 1;

    VisitFixture() {
        db->write([](store::Connection& c) {
            c.exec("UPDATE clinic SET name_bn = 'শান্তি ক্লিনিক', address = '12 Mirpur Road, Dhaka', "
                   "phone = '+8801711000000', letterhead_tagline = 'Caring since 1998', "
                   "letterhead_footer = 'Open Sat-Thu 9am-9pm' WHERE id = 1");
        });
    }

    domain::StaffMember addDoctor(const std::string& username, const std::string& name, const std::string& reg) {
        auto member = addStaff(username, "doctor");
        db->write([&](store::Connection& c) {
            store::DoctorRepository doctors(c);
            auto profile = *doctors.find(member.id);
            profile.nameEn = name;
            profile.nameBn = "ডাঃ " + username;
            profile.qualifications = "MBBS, FCPS (Medicine)";
            profile.registrationNumber = reg;
            doctors.save(profile, clock.now());
        });
        return member;
    }

    long long addPatient(const std::string& name, const std::string& language = "en",
                         const std::vector<std::string>& conditions = {}, const std::string& birthDate = "1980-05-01",
                         const std::string& sex = "female") {
        return db->write([&](store::Connection& c) {
            auto q = c.prepare(
                "INSERT INTO patients (mrn, name, sex, birth_date, preferred_language, created_at, updated_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, 0, 0)");
            char mrn[16];
            std::snprintf(mrn, sizeof mrn, "25-%06d", nextMrn++);
            q->bind(1, mrn);
            q->bind(2, name);
            q->bind(3, sex);
            q->bind(4, birthDate);
            q->bind(5, language);
            q->exec();
            const long long id = c.lastInsertRowid();
            for (const auto& code : conditions) {
                auto t = c.prepare("INSERT INTO patient_conditions (patient_id, code) VALUES (?1, ?2)");
                t->bind(1, static_cast<int64_t>(id));
                t->bind(2, code);
                t->exec();
            }
            return id;
        });
    }

    long long addToken(long long doctorId, long long patientId, const std::string& state = "in_consultation") {
        return db->write([&](store::Connection& c) {
            auto q = c.prepare(
                "INSERT INTO tokens (doctor_id, patient_id, clinic_day, number, label, state, queued_at, "
                "checked_in_at) VALUES (?1, ?2, '2025-11-24', ?3, 'A-' || ?3, ?4, 0, 0)");
            q->bind(1, static_cast<int64_t>(doctorId));
            q->bind(2, static_cast<int64_t>(patientId));
            q->bind(3, nextToken++);
            q->bind(4, state);
            q->exec();
            return c.lastInsertRowid();
        });
    }

    // Vitals a nurse records while the patient waits (the queue slice's job).
    long long addNurseVitals(long long patientId, long long tokenId, int pulse) {
        return db->write([&](store::Connection& c) {
            domain::Vitals v;
            v.pulse = pulse;
            return store::VitalsRepository(c).insert({0, patientId, tokenId, clock.now(), nurseMember.id, v});
        });
    }

    // What the queue's startConsultation does.
    long long queueOpensDraft(long long patientId, long long doctorId, long long tokenId) {
        return db->write([&](store::Connection& c) {
            return store::VisitRepository(c).createDraft({patientId, doctorId, tokenId, std::nullopt, clock.now()});
        });
    }

    static domain::PrescriptionItem item(const std::string& drug, const std::string& dose,
                                         const std::string& duration = "7 days",
                                         domain::MealTiming timing = domain::MealTiming::AfterMeal) {
        domain::PrescriptionItem i;
        i.drug = drug;
        i.strength = "500 mg";
        i.form = "tablet";
        i.dose = dose;
        i.timing = timing;
        i.duration = *domain::parseDuration(duration);
        return i;
    }

    // A typical consultation's content.
    static opd::VisitChanges typicalContent() {
        opd::VisitChanges c;
        domain::Vitals v;
        v.bpSystolic = 130;
        v.bpDiastolic = 85;
        v.pulse = 78;
        v.temperatureF = 100.4;
        c.vitals = v;
        c.complaints = "Fever for 3 days, body ache";
        c.diagnoses = std::vector<domain::Diagnosis>{{"Viral fever", "B34.9"}};
        c.prescription = std::vector<domain::PrescriptionItem>{item("Paracetamol", "1+1+1"),
                                                               item("Omeprazole", "1+0+1", "2 weeks",
                                                                    domain::MealTiming::BeforeMeal)};
        c.advice = "Plenty of fluids";
        return c;
    }
};

}  // namespace hub::testing
