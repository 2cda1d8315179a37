#include "hub/opd/synthetic_history.h"

#include "hub/audit/audit_log.h"
#include "hub/domain/clinic_day.h"
#include "hub/domain/queue.h"
#include "hub/store/audit_repository.h"
#include "hub/store/patient_repository.h"
#include "hub/store/token_repository.h"
#include "hub/store/visit_repository.h"
#include "hub/store/vitals_repository.h"

#include <chrono>
#include <random>

namespace hub::opd {
namespace {

using domain::MealTiming;

struct Drug {
    const char* name;
    const char* strength;
    const char* form;
    const char* dose;
    MealTiming timing;
    int days;
};

// What an OPD in Bangladesh or India sees most, with what is usually prescribed.
struct Presentation {
    const char* complaints;
    const char* diagnosis;
    const char* icd10;
    std::vector<Drug> drugs;
    const char* advice;
    int followUpDays;  // 0: none
};

const std::vector<Presentation>& presentations() {
    static const std::vector<Presentation> all = {
        {"Fever for 3 days, body ache", "Viral fever", "B34.9",
         {{"Paracetamol", "500 mg", "tablet", "1+1+1", MealTiming::AfterMeal, 5}}, "Plenty of fluids, rest", 5},
        {"Burning epigastric pain after meals", "Gastritis", "K29.7",
         {{"Omeprazole", "20 mg", "capsule", "1+0+1", MealTiming::BeforeMeal, 14},
          {"Antacid", "", "suspension", "1+1+1", MealTiming::AfterMeal, 7}},
         "Avoid spicy food and late dinners", 14},
        {"Raised sugar on home checks", "Type 2 diabetes mellitus", "E11.9",
         {{"Metformin", "500 mg", "tablet", "1+0+1", MealTiming::AfterMeal, 30},
          {"Gliclazide", "80 mg", "tablet", "1+0+0", MealTiming::BeforeMeal, 30}},
         "Walk 30 minutes daily; fasting sugar before the next visit", 30},
        {"Headache, BP high at the pharmacy", "Essential hypertension", "I10",
         {{"Amlodipine", "5 mg", "tablet", "0+0+1", MealTiming::Any, 30}}, "Less salt; check BP weekly", 30},
        {"Cough and runny nose for 2 days", "Common cold", "J00",
         {{"Cetirizine", "10 mg", "tablet", "0+0+1", MealTiming::Any, 5},
          {"Paracetamol", "500 mg", "tablet", "1+1+1", MealTiming::AfterMeal, 3}},
         "Warm fluids, steam", 0},
        {"Loose motions since yesterday", "Acute gastroenteritis", "A09",
         {{"ORS", "", "sachet", "after each loose motion", MealTiming::Any, 3},
          {"Zinc", "20 mg", "tablet", "1+0+0", MealTiming::AfterMeal, 10},
          {"Metronidazole", "400 mg", "tablet", "1+1+1", MealTiming::AfterMeal, 5}},
         "Continue feeding; come back if drowsy", 3},
        {"Sore throat, fever, difficulty swallowing", "Acute tonsillitis", "J03.9",
         {{"Amoxicillin", "500 mg", "capsule", "1+1+1", MealTiming::AfterMeal, 7},
          {"Paracetamol", "500 mg", "tablet", "1+1+1", MealTiming::AfterMeal, 5}},
         "Warm salt-water gargles", 7},
        {"Burning urination for 4 days", "Urinary tract infection", "N39.0",
         {{"Nitrofurantoin", "100 mg", "capsule", "1+0+1", MealTiming::AfterMeal, 5}}, "Drink 3 litres of water a day", 7},
        {"Wheezing at night, breathlessness", "Bronchial asthma", "J45.9",
         {{"Salbutamol", "100 mcg/puff", "inhaler", "2 puffs when needed", MealTiming::Any, 30},
          {"Montelukast", "10 mg", "tablet", "0+0+1", MealTiming::Any, 30},
          {"Budesonide + Formoterol", "200/6 mcg", "inhaler", "1+0+1", MealTiming::Any, 30}},
         "Avoid dust and smoke", 30},
        {"Knee pain, worse on stairs", "Osteoarthritis of knee", "M17.9",
         {{"Aceclofenac", "100 mg", "tablet", "1+0+1", MealTiming::AfterMeal, 10},
          {"Esomeprazole", "20 mg", "tablet", "1+0+0", MealTiming::BeforeMeal, 10},
          {"Calcium + Vitamin D3", "500 mg + 200 IU", "tablet", "0+1+0", MealTiming::AfterMeal, 60}},
         "Quadriceps exercises; lose weight", 30},
        {"Tiredness, pale, dizzy on standing", "Iron deficiency anaemia", "D50.9",
         {{"Ferrous sulphate + Folic acid", "200 mg + 0.4 mg", "tablet", "0+1+0", MealTiming::AfterMeal, 90}},
         "Green leafy vegetables; recheck haemoglobin", 60},
        {"Itchy rash between fingers", "Scabies", "B86",
         {{"Permethrin", "5%", "cream", "apply at night", MealTiming::Bedtime, 2},
          {"Chlorpheniramine", "4 mg", "tablet", "0+0+1", MealTiming::Any, 7}},
         "Wash all clothes and bedding in hot water", 14},
        {"Low back pain after lifting", "Lumbago", "M54.5",
         {{"Naproxen", "500 mg", "tablet", "1+0+1", MealTiming::AfterMeal, 7},
          {"Omeprazole", "20 mg", "capsule", "1+0+0", MealTiming::BeforeMeal, 7}},
         "Hot compress; no heavy lifting for two weeks", 0},
        {"Follow-up of sugar and pressure", "Type 2 diabetes with hypertension", "E11.9",
         {{"Metformin", "850 mg", "tablet", "1+0+1", MealTiming::AfterMeal, 30},
          {"Losartan", "50 mg", "tablet", "1+0+0", MealTiming::Any, 30},
          {"Atorvastatin", "10 mg", "tablet", "0+0+1", MealTiming::Any, 30}},
         "Keep the sugar diary", 30},
        {"Ear pain and discharge", "Otitis media", "H66.9",
         {{"Amoxicillin + Clavulanic acid", "625 mg", "tablet", "1+0+1", MealTiming::AfterMeal, 7}},
         "Keep the ear dry", 7},
        {"Weight gain, feeling cold, constipation", "Hypothyroidism", "E03.9",
         {{"Levothyroxine", "50 mcg", "tablet", "1+0+0", MealTiming::EmptyStomach, 60}}, "TSH after six weeks", 42},
    };
    return all;
}

// 0 stands for "nobody" in the options (a clinic without a nurse account).
std::optional<long long> staffOrNone(long long id) { return id != 0 ? std::optional<long long>(id) : std::nullopt; }

std::chrono::sys_days calendarDay(const domain::Date& d) {
    return std::chrono::sys_days(std::chrono::year_month_day(std::chrono::year(d.year),
                                                            std::chrono::month(static_cast<unsigned>(d.month)),
                                                            std::chrono::day(static_cast<unsigned>(d.day))));
}

class DayWriter {
public:
    DayWriter(store::Connection& tx, const HistoryOptions& o) : tx_(tx), o_(o), tail_(store::AuditRepository(tx).tail()) {}

    void audit(TimePoint at, const HistoryDoctor* doctor, bool nurse, const char* action, const char* objectType,
               long long objectId, long long patientId) {
        store::AuditRecord r;
        r.id = std::max(tail_.lastId, tail_.highestIdUsed) + 1;
        r.at = at;
        r.actorId = staffOrNone(doctor ? doctor->staffId : nurse ? o_.nurseId : o_.receptionId);
        r.actorUsername = doctor ? doctor->username : nurse ? o_.nurseUsername : o_.receptionUsername;
        r.actorRole = doctor ? "doctor" : nurse ? "nurse" : "receptionist";
        r.action = action;
        r.objectType = objectType;
        r.objectId = std::to_string(objectId);
        r.patientId = patientId;
        r.clientAddress = "192.168.1." + std::to_string(20 + (r.actorId.value_or(0) % 10));
        r.outcome = "success";
        r.prevHash = tail_.lastId == 0 ? audit::genesisHash() : tail_.lastHash;
        r.hash = audit::eventHash(r);
        store::AuditRepository(tx_).insert(r);
        tail_.lastId = tail_.highestIdUsed = r.id;
        tail_.lastHash = r.hash;
        ++events;
    }

    long long events = 0;

private:
    store::Connection& tx_;
    const HistoryOptions& o_;
    store::AuditChainTail tail_;
};

}  // namespace

HistoryTotals insertSyntheticHistory(store::Database& db, SyntheticPatients& generator, const HistoryOptions& o) {
    HistoryTotals totals;
    std::mt19937_64 rng(o.seed);
    auto pick = [&rng](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    // Patients are never deleted, so ids run 1..count.
    long long knownPatients = db.read([](store::Connection& c) { return store::PatientRepository(c).count(); });

    auto day = domain::clinicDayAt(calendarDay(o.firstDay) + std::chrono::hours(12), o.timezone);
    for (int d = 0; d < o.days; ++d, day = domain::clinicDayAt(day.end + std::chrono::hours(12), o.timezone)) {
        const auto date = domain::parseIsoDate(day.date).value();
        const int visits = o.visitsPerDay * (80 + static_cast<int>(pick(41))) / 100;
        db.write([&](store::Connection& tx) {
            DayWriter audit(tx, o);
            store::PatientRepository patients(tx);
            store::TokenRepository tokens(tx);
            store::VitalsRepository vitals(tx);
            store::VisitRepository visitRepo(tx);
            // Morning 09:00-13:00 and evening 17:00-21:00 sessions, in order.
            for (int v = 0; v < visits; ++v) {
                const int minute = v < visits / 2 ? 9 * 60 + v * 240 / std::max(visits / 2, 1)
                                                  : 17 * 60 + (v - visits / 2) * 240 / std::max(visits - visits / 2, 1);
                const TimePoint checkIn = day.start + std::chrono::minutes(minute);
                const HistoryDoctor& doctor = o.doctors[pick(o.doctors.size())];

                long long patientId = 0;
                if (knownPatients == 0 || static_cast<int>(pick(100)) < o.newPatientPercent) {
                    patientId = patients.insert(generator.next(date), date.year, staffOrNone(o.receptionId), checkIn).id;
                    knownPatients = std::max(knownPatients, patientId);
                    audit.audit(checkIn, nullptr, false, "patient.create", "patient", patientId, patientId);
                    ++totals.patients;
                } else {
                    patientId = 1 + static_cast<long long>(pick(static_cast<std::size_t>(knownPatients)));
                    audit.audit(checkIn, nullptr, false, "patient.search", "", 0, patientId);
                }
                const std::string scope = std::to_string(doctor.staffId);
                const int number = tokens.nextNumber(scope, day.date);
                store::NewToken nt{doctor.staffId, patientId, day.date, number,
                                   domain::tokenLabel(doctor.tokenPrefix, number), domain::Priority::Normal,
                                   checkIn, checkIn, std::nullopt, staffOrNone(o.receptionId)};
                const long long tokenId = tokens.insert(nt);
                audit.audit(checkIn, nullptr, false, "queue.check_in", "token", tokenId, patientId);

                const TimePoint vitalsAt = checkIn + std::chrono::minutes(5);
                const Presentation& p = presentations()[pick(presentations().size())];
                store::VitalsRecord vr;
                vr.patientId = patientId;
                vr.tokenId = tokenId;
                vr.recordedAt = vitalsAt;
                vr.recordedBy = staffOrNone(o.nurseId);
                vr.vitals.bpSystolic = 105 + static_cast<int>(pick(55));
                vr.vitals.bpDiastolic = 65 + static_cast<int>(pick(30));
                vr.vitals.pulse = 62 + static_cast<int>(pick(40));
                vr.vitals.weightKg = 40.0 + static_cast<double>(pick(500)) / 10.0;
                if (pick(3) == 0) vr.vitals.temperatureF = 97.5 + static_cast<double>(pick(50)) / 10.0;
                if (pick(4) == 0) vr.vitals.spo2 = 94 + static_cast<int>(pick(6));
                if (std::string(p.icd10).rfind("E11", 0) == 0) vr.vitals.bloodGlucoseMmolL = 6.0 + static_cast<double>(pick(120)) / 10.0;
                const long long vitalsId = vitals.insert(vr);
                audit.audit(vitalsAt, nullptr, true, "vitals.record", "token", tokenId, patientId);

                const TimePoint called = checkIn + std::chrono::minutes(10 + static_cast<int>(pick(40)));
                const TimePoint finished = called + std::chrono::minutes(4 + static_cast<int>(pick(8)));
                domain::Token t;
                t.id = tokenId;
                t.doctorId = doctor.staffId;
                t.patientId = patientId;
                t.clinicDay = day.date;
                t.number = number;
                t.label = nt.label;
                t.state = domain::TokenState::Done;
                t.queuedAt = checkIn;
                t.calledAt = called;
                t.startedAt = called + std::chrono::minutes(1);
                t.finishedAt = finished;
                tokens.update(t);
                audit.audit(called, nullptr, false, "queue.call", "token", tokenId, patientId);

                const long long visitId = visitRepo.createDraft({patientId, doctor.staffId, tokenId, vitalsId, *t.startedAt});
                audit.audit(*t.startedAt, &doctor, false, "patient.history", "patient", patientId, patientId);
                domain::VisitContent content;
                content.complaints = p.complaints;
                content.diagnoses = {{p.diagnosis, p.icd10}};
                content.advice = p.advice;
                if (p.followUpDays > 0) {
                    const auto follow = std::chrono::year_month_day(calendarDay(date) + std::chrono::days(p.followUpDays));
                    content.followUpDate = domain::Date{static_cast<int>(follow.year()), static_cast<int>(static_cast<unsigned>(follow.month())),
                                                        static_cast<int>(static_cast<unsigned>(follow.day()))};
                }
                for (const Drug& drug : p.drugs)
                    content.prescription.push_back({drug.name, drug.strength, drug.form, drug.dose, drug.timing,
                                                    {domain::Duration::Unit::Days, drug.days}, ""});
                visitRepo.saveContent(visitId, content, vitalsId, finished);
                visitRepo.finalize(visitId, finished);
                audit.audit(finished, &doctor, false, "visit.update", "visit", visitId, patientId);
                audit.audit(finished, &doctor, false, "visit.finalize", "visit", visitId, patientId);
                audit.audit(finished, &doctor, false, "visit.print", "visit", visitId, patientId);
                ++totals.visits;
                totals.prescriptionItems += static_cast<long long>(p.drugs.size());
            }
            totals.auditEvents += audit.events;
        });
        if (o.progress) o.progress(d + 1);
    }
    return totals;
}

}  // namespace hub::opd
