#include "hub/audit/audit_log.h"
#include "hub/auth/bootstrap.h"
#include "hub/auth/password_hasher.h"
#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/display/display_service.h"
#include "hub/display/queue_feed.h"
#include "hub/domain/clinic_day.h"
#include "hub/events/event_journal.h"
#include "hub/opd/queue_service.h"
#include "hub/opd/synthetic_history.h"
#include "hub/opd/synthetic_patients.h"
#include "hub/opd/visit_service.h"
#include "hub/tls/certificate_authority.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace hub::cli {

namespace {

// Everyone in the demo clinic signs in with this; printed by the README's run command.
constexpr const char* demoPassword = "demo-password-1";

struct DemoStaff {
    const char* username;
    const char* displayName;
    const char* role;
};

constexpr DemoStaff demoStaff[] = {
    {"nurse.akter", "Nasrin Akter", "nurse"},
    {"reception", "Reception Desk", "receptionist"},
    {"cashier", "Cash Counter", "cashier"},
};

domain::DoctorProfile demoDoctor(const char* nameEn, const char* nameBn, const char* qualifications,
                                 const char* registration, const char* specialty, const char* room,
                                 const char* prefix, long long fee) {
    domain::DoctorProfile d;
    d.nameEn = nameEn;
    d.nameBn = nameBn;
    d.qualifications = qualifications;
    d.registrationNumber = registration;
    d.specialty = specialty;
    d.room = room;
    d.tokenPrefix = prefix;
    d.consultationFee = fee;
    d.schedule = "Sat-Thu 09:00-13:00";
    return d;
}

constexpr std::size_t demoPatients = 200;

// What the morning's finished consultations wrote, so history, "repeat last
// prescription" and the printable prescription have something to show.
struct DemoConsultation {
    const char* complaints;
    domain::Diagnosis diagnosis;
    std::vector<domain::PrescriptionItem> prescription;
    const char* advice;
    int followUpDays;
};

domain::PrescriptionItem item(const char* drug, const char* strength, const char* form, const char* dose,
                              domain::MealTiming timing, int days, const char* instructions = "") {
    return {drug, strength, form, dose, timing, {domain::Duration::Unit::Days, days}, instructions};
}

std::vector<DemoConsultation> demoConsultations() {
    using domain::MealTiming;
    return {
        {"Fever for 3 days, body ache", {"Viral fever", "B34.9"},
         {item("Paracetamol", "500 mg", "tablet", "1+1+1", MealTiming::AfterMeal, 5, "only while the fever lasts")},
         "Plenty of fluids, rest", 5},
        {"Burning epigastric pain after meals", {"Gastritis", "K29.7"},
         {item("Omeprazole", "20 mg", "capsule", "1+0+1", MealTiming::BeforeMeal, 14),
          item("Antacid suspension", "10 ml", "syrup", "1+1+1", MealTiming::AfterMeal, 7)},
         "Avoid spicy food and late dinners", 14},
        {"Raised sugar on home checks", {"Type 2 diabetes mellitus", "E11.9"},
         {item("Metformin", "500 mg", "tablet", "1+0+1", MealTiming::AfterMeal, 30)},
         "Walk 30 minutes daily; fasting sugar before the next visit", 30},
        {"Headache, BP high at the pharmacy", {"Essential hypertension", "I10"},
         {item("Amlodipine", "5 mg", "tablet", "0+0+1", MealTiming::Any, 30)},
         "Less salt; check BP weekly", 30},
        {"Cough and runny nose for 2 days", {"Common cold", "J00"},
         {item("Cetirizine", "5 mg/5 ml", "syrup", "0+0+1", MealTiming::Any, 5)}, "Warm fluids, steam", 0},
        {"Loose motions since yesterday", {"Acute gastroenteritis", "A09"},
         {item("ORS", "1 sachet", "powder", "after each loose motion", MealTiming::Any, 3, "in 500 ml clean water"),
          item("Zinc", "20 mg", "tablet", "1+0+0", MealTiming::AfterMeal, 10)},
         "Continue feeding; come back if the child is drowsy", 3},
    };
}

// 200 synthetic patients, and this morning's queues: some seen (vitals, a
// finalized visit and prescription each), one in
// consultation, one called, the rest waiting, so every screen has something
// to show. Times run from two hours ago (or local midnight) on a clock of its
// own, so consultations have lengths and waits have estimates.
void addPatientsAndMorningQueue(store::Database& db, const Clock& clock, audit::AuditLog& audit,
                                long long receptionId, long long nurseId, long long rahmanId, long long senId) {
    const auto day = domain::clinicDayAt(clock.now(), "Asia/Dhaka");
    const auto today = domain::parseIsoDate(day.date).value();
    opd::SyntheticPatients generator(20261124);
    opd::insertSyntheticPatients(db, generator, demoPatients, today, clock.now());

    ManualClock morning(std::max(day.start + std::chrono::minutes(1), clock.now() - std::chrono::hours(2)));
    opd::QueueService queue(db, morning, audit);
    opd::VisitService visits(db, morning, audit);
    const auto consultations = demoConsultations();
    std::size_t nextConsultation = 0;
    const auth::ActorContext reception{receptionId, "reception", domain::Role::Receptionist, "local", 0};
    const auth::ActorContext drRahman{rahmanId, "dr.rahman", domain::Role::Doctor, "local", 0};
    const auth::ActorContext drSen{senId, "dr.sen", domain::Role::Doctor, "local", 0};
    const auth::ActorContext nurse{nurseId, "nurse.akter", domain::Role::Nurse, "local", 0};
    long long patient = 1;
    for (int i = 0; i < 12; ++i) {
        morning.advance(std::chrono::minutes(3));
        queue.checkIn(reception, {patient++, rahmanId, i == 7 ? "elderly" : "normal"});
    }
    for (int i = 0; i < 7; ++i) {
        morning.advance(std::chrono::minutes(2));
        queue.checkIn(reception, {patient++, senId, i == 4 ? "pregnant" : "normal"});
    }
    auto see = [&](const auth::ActorContext& doctor, int minutes) {
        const auto token = queue.callNext(reception, doctor.staffId);
        domain::Vitals vitals;
        vitals.bpSystolic = 118 + static_cast<int>(nextConsultation) * 4;
        vitals.bpDiastolic = 78;
        vitals.pulse = 84;
        vitals.weightKg = 58.5;
        queue.recordVitals(nurse, token.row.token.id, vitals);
        morning.advance(std::chrono::minutes(1));
        const auto started = queue.startConsultation(doctor, token.row.token.id);
        const DemoConsultation& c = consultations[nextConsultation++ % consultations.size()];
        opd::VisitChanges written;
        written.complaints = c.complaints;
        written.diagnoses = std::vector<domain::Diagnosis>{c.diagnosis};
        written.prescription = c.prescription;
        written.advice = c.advice;
        if (c.followUpDays > 0)
            written.followUpDate = domain::parseIsoDate(
                domain::clinicDayAt(morning.now() + std::chrono::hours(24 * c.followUpDays), "Asia/Dhaka").date);
        visits.updateVisit(doctor, *started.row.visitId, written);
        visits.finalizeVisit(doctor, *started.row.visitId);
        morning.advance(std::chrono::minutes(minutes));
        queue.complete(doctor, token.row.token.id);
    };
    for (int minutes : {6, 4, 7, 5}) see(drRahman, minutes);
    for (int minutes : {8, 6}) see(drSen, minutes);
    const auto inside = queue.callNext(reception, rahmanId);
    queue.startConsultation(drRahman, inside.row.token.id);
    // Dr. Sen's next patient is left for whoever tries the demo to call (README).
}

// The waiting-room TV of the demo: both doctors, English and Bangla, the staff
// set-up QR on. Returns its key.
std::string addWaitingRoomDisplay(store::Database& db, const Clock& clock, audit::AuditLog& audit,
                                  const domain::StaffMember& admin) {
    events::EventJournal journal(16, 1);  // nobody watches yet: the hub's own journal starts empty
    display::QueueFeed feed(db, clock, journal);
    SystemRandom random;  // the display's key is a real secret
    display::DisplayService displays(db, clock, random, audit, feed);
    domain::DisplaySettings settings;
    settings.name = "Waiting room TV";
    settings.notice = "Please keep your token slip with you. / অনুগ্রহ করে আপনার টোকেন স্লিপ সাথে রাখুন।";
    settings.showWelcomeQr = true;
    const auth::ActorContext actor{admin.id, admin.username, admin.role, "local", 0};
    return displays.createDisplay(actor, settings).key;
}

// `years` of OPD history ending yesterday: about 100 visits a day with
// prescriptions, vitals and the audit trail they would have left.
void addHistory(store::Database& db, const Clock& clock, int years, long long receptionId, long long nurseId,
                const domain::StaffMember& rahman, const domain::StaffMember& sen) {
    const int days = years * 365;
    const auto today = domain::clinicDayAt(clock.now(), "Asia/Dhaka");
    opd::HistoryOptions o;
    o.firstDay = domain::parseIsoDate(domain::clinicDayAt(today.start - std::chrono::hours(24) * days, "Asia/Dhaka").date).value();
    o.days = days;
    o.doctors = {{rahman.id, rahman.username, "A"}, {sen.id, sen.username, "B"}};
    o.receptionId = receptionId;
    o.nurseId = nurseId;
    o.nurseUsername = "nurse.akter";
    o.seed = 20261124;
    o.progress = [days](int done) {
        if (done % 365 == 0 || done == days) std::cerr << "demo-data: " << done << "/" << days << " days of history\n";
    };
    opd::SyntheticPatients patients(7);
    const auto totals = opd::insertSyntheticHistory(db, patients, o);
    std::cout << "History: " << totals.visits << " visits of " << totals.patients << " registered patients, "
              << totals.prescriptionItems << " prescription items, " << totals.auditEvents << " audit events\n";
}

}  // namespace

int demoDataCommand(const Args& args) {
    Command cmd{"demo-data",
                "Create a demo clinic (marked as demo) with sample staff, for trying the hub. Refuses a data "
                "directory that already holds a clinic, so demo data never enters a real install.",
                boost::program_options::options_description("Demo data"), true};
    cmd.options.add_options()("years", boost::program_options::value<int>()->default_value(0),
                              "also fill this many years of OPD history (about 100 visits a day), for benchmarks");
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const int years = (*vm)["years"].as<int>();
    if (years < 0 || years > 30) throw UsageError("--years: give 0 to 30 years of history");
    const HubConfig config = hubConfig(*vm);
    const std::filesystem::path dataDir = config.dataDir;
    if (std::filesystem::exists(store::databaseFile(dataDir)))
        throw UsageError("clinic-hub demo-data: " + dataDir.string() +
                         " already holds a clinic database; demo data goes only into a new, empty data directory");

    auto db = createDatabase(dataDir);
    SystemClock clock;
    auth::PasswordHasher hasher;
    audit::AuditLog audit(clock);
    const auth::AdminToolContext ctx{*db, clock, hasher, audit};
    const auto admin = auth::initializeClinic(ctx, "Shanti Clinic (demo)", "admin", demoPassword,
                                              auth::ClinicSetup{"Asia/Dhaka", true});
    const auto rahman = auth::addStaffByUsername(ctx, "dr.rahman", "Dr. Abdur Rahman", "doctor", demoPassword,
                             demoDoctor("Dr. Abdur Rahman", "ডা. আব্দুর রহমান", "MBBS, FCPS (Medicine)", "A-41235",
                                        "Medicine", "Room 1", "A", 500));
    const auto sen = auth::addStaffByUsername(ctx, "dr.sen", "Dr. Anita Sen", "doctor", demoPassword,
                             demoDoctor("Dr. Anita Sen", "ডা. অনিতা সেন", "MBBS, DCH", "A-52877", "Paediatrics",
                                        "Room 2", "B", 400));
    long long receptionId = 0, nurseId = 0;
    for (const auto& s : demoStaff) {
        const auto member = auth::addStaffByUsername(ctx, s.username, s.displayName, s.role, demoPassword);
        if (member.role == domain::Role::Receptionist) receptionId = member.id;
        if (member.role == domain::Role::Nurse) nurseId = member.id;
    }
    if (years > 0) addHistory(*db, clock, years, receptionId, nurseId, rahman, sen);
    addPatientsAndMorningQueue(*db, clock, audit, receptionId, nurseId, rahman.id, sen.id);
    const std::string displayKey = addWaitingRoomDisplay(*db, clock, audit, admin);

    tls::CertificateAuthority ca(dataDir / "tls", clock);
    ca.ensureRoot(config.hostname);
    std::cout << "Demo clinic created in " << dataDir.string() << ": " << demoPatients
              << " synthetic patients and this morning's queues (password for every account: " << demoPassword
              << ")\n"
              << "Waiting-room TV: /display/" << displayKey << " on the hub (https://<hub>:<https-port>)\n";
    return 0;
}

}  // namespace hub::cli
