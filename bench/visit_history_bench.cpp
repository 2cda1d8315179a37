// A patient's history on a busy clinic's database: generates V visits (default
// 500,000) across P patients (default 200,000) with batched inserts through
// VisitRepository, plus one patient with 50 visits, then times the reads
// behind getPatientHistory for that patient (issue target: < 10 ms).
// Prints p50/p99 of the store read (visits, diagnoses, items, amendments,
// latest vitals, chronic tags in one snapshot) and of the whole audited
// service call, whose cost is dominated by the commit of its audit event
// (synchronous=FULL), and the database growth per 100,000 visits.
//
//   visit-history-bench [visits] [patients] [samples] [directory]
#include "hub/audit/audit_log.h"
#include "hub/auth/bootstrap.h"
#include "hub/auth/password_hasher.h"
#include "hub/opd/visit_service.h"
#include "hub/store/database.h"
#include "hub/store/visit_repository.h"
#include "hub/store/vitals_repository.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <malloc.h>
#include <string>
#include <vector>

using namespace hub;
namespace fs = std::filesystem;
using Clock_ = std::chrono::steady_clock;

namespace {

long long pageBytes(store::Database& db) {
    return db.read([](store::Connection& c) {
        auto count = c.prepare("PRAGMA page_count");
        count->executeStep();
        const long long pages = count->getColumn(0).getInt64();
        auto size = c.prepare("PRAGMA page_size");
        size->executeStep();
        return pages * size->getColumn(0).getInt64();
    });
}

void insertPatients(store::Database& db, long long count) {
    constexpr long long batch = 2'000;
    for (long long start = 0; start < count; start += batch) {
        db.write([&](store::Connection& c) {
            for (long long i = start; i < std::min(count, start + batch); ++i) {
                // Patients belong to another slice; the bench writes just the row it needs.
                auto q = c.prepare(
                    "INSERT INTO patients (mrn, name, sex, birth_date, created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, '1975-01-01', 0, 0)");
                char mrn[24];
                std::snprintf(mrn, sizeof mrn, "%02lld-%06lld", 20 + i / 1'000'000, i % 1'000'000);
                q->bind(1, mrn);
                q->bind(2, "Patient " + std::to_string(i));
                q->bind(3, i % 2 ? "male" : "female");
                q->exec();
            }
        });
    }
}

domain::VisitContent sampleContent(long long n) {
    static const char* drugs[] = {"Paracetamol", "Omeprazole", "Amlodipine", "Metformin", "Azithromycin",
                                  "Cetirizine", "Losartan", "Atorvastatin"};
    static const char* doses[] = {"1+0+1", "0+0+1", "1+1+1", "1+0+0", "\xC2\xBD+0+\xC2\xBD"};
    domain::VisitContent c;
    c.complaints = "Fever for 3 days, headache and body ache";
    c.notes = "Throat congested. Chest clear. No rash.";
    c.advice = "Plenty of fluids; rest; return if fever persists beyond 3 days";
    c.diagnoses = {{"Acute pharyngitis", "J02.9"}, {"Essential hypertension", "I10"}};
    for (int i = 0; i < 3; ++i) {
        domain::PrescriptionItem item;
        item.drug = drugs[(n + i) % 8];
        item.strength = "500 mg";
        item.form = "tablet";
        item.dose = doses[(n + i) % 5];
        item.timing = domain::MealTiming::AfterMeal;
        item.duration = {domain::Duration::Unit::Days, 7};
        c.prescription.push_back(item);
    }
    c.vitals.bpSystolic = 120 + static_cast<int>(n % 30);
    c.vitals.bpDiastolic = 80;
    c.vitals.pulse = 72;
    c.vitals.temperatureF = 99.1;
    c.vitals.weightKg = 64.5;
    return c;
}

// One finalized visit with its vitals, the way a consultation leaves it.
void insertVisit(store::Connection& c, long long patient, long long doctor, long long n, TimePoint at) {
    store::VisitRepository repo(c);
    const domain::VisitContent content = sampleContent(n);
    const long long id = repo.createDraft({patient, doctor, std::nullopt, std::nullopt, at});
    const long long vitals = store::VitalsRepository(c).insert({0, patient, std::nullopt, at, doctor, content.vitals});
    repo.saveContent(id, content, vitals, at);
    repo.finalize(id, at);
}

struct Percentiles {
    double p50, p99;
};

Percentiles measure(int samples, const std::function<void()>& fn) {
    std::vector<double> ms;
    for (int i = 0; i < samples; ++i) {
        const auto start = Clock_::now();
        fn();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock_::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

}  // namespace

int main(int argc, char** argv) {
    // SQLite mallocs and frees ~85 KB per patient INSERT here; glibc returns it
    // to the kernel each time and page faults dominate generation in some
    // sandboxes. Keeping the heap makes generation fast; it does not change
    // the timed reads, which run on a warm heap as in the daemon.
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 64 << 20);
    const long long visits = argc > 1 ? std::stoll(argv[1]) : 500'000;
    const long long patients = argc > 2 ? std::stoll(argv[2]) : 200'000;
    const int samples = argc > 3 ? std::stoi(argv[3]) : 500;
    const fs::path dir = argc > 4 ? fs::path(argv[4]) : fs::temp_directory_path() / "visit-history-bench";
    fs::remove_all(dir);
    fs::create_directories(dir);

    SystemClock clock;
    auto db = store::Database::open(dir / "hub.db");
    auth::PasswordHasher hasher(auth::Argon2Params{8, 1, 1});
    audit::AuditLog audit(clock);
    const auth::AdminToolContext ctx{*db, clock, hasher, audit};
    auth::initializeClinic(ctx, "Bench Clinic", "admin", "a long bench password");
    std::vector<long long> doctors;
    for (const char* prefix : {"A", "B", "C", "D"}) {
        domain::DoctorProfile profile;
        profile.nameEn = std::string("Dr. ") + prefix;
        profile.tokenPrefix = prefix;
        doctors.push_back(auth::addStaffByUsername(ctx, std::string("doctor") + static_cast<char>(prefix[0] - 'A' + 'a'), profile.nameEn, "doctor",
                                                   "a long bench password", profile)
                              .id);
    }

    auto t0 = Clock_::now();
    insertPatients(*db, patients + 1);
    const long long target = patients + 1;  // the last one: the patient with 50 visits
    db->write([&](store::Connection& c) {
        auto q = c.prepare("INSERT INTO patient_conditions (patient_id, code) VALUES (?1, 'hypertension')");
        q->bind(1, static_cast<int64_t>(target));
        q->exec();
    });
    const long long bytesBefore = pageBytes(*db);
    const double patientSeconds = std::chrono::duration<double>(Clock_::now() - t0).count();

    t0 = Clock_::now();
    const TimePoint start = clock.now() - std::chrono::hours(24 * 365 * 3);
    constexpr long long batch = 25'000;
    for (long long first = 0; first < visits; first += batch) {
        db->write([&](store::Connection& c) {
            for (long long n = first; n < std::min(visits, first + batch); ++n) {
                const long long patient = 1 + (n * 7919) % patients;
                insertVisit(c, patient, doctors[n % 4], n, start + std::chrono::minutes(n * 3));
            }
        });
    }
    db->write([&](store::Connection& c) {
        for (long long n = 0; n < 50; ++n)
            insertVisit(c, target, doctors[n % 4], n, start + std::chrono::hours(24 * 20 * n));
    });
    const double visitSeconds = std::chrono::duration<double>(Clock_::now() - t0).count();
    const long long bytesAfter = pageBytes(*db);

    // Start the measurements from a checkpointed file, as a hub does after a
    // restart, rather than inside the checkpoint of the bulk load's WAL.
    db.reset();
    db = store::Database::open(dir / "hub.db");

    std::size_t seen = 0;
    const auto readHistory = [&] {
        db->read([&](store::Connection& c) {
            store::VisitRepository repo(c);
            const auto summary = repo.visitPatient(target);
            const auto latest = hub::store::VitalsRepository(c).latestForPatient(target);
            const auto list = repo.listByPatient(target);
            seen = list.size() + (summary ? 0 : 1000) + (latest ? 0 : 1000);
        });
    };
    measure(20, readHistory);  // warm-up: first touches of the pages, not counted
    const auto read = measure(samples, readHistory);
    opd::VisitService service(*db, clock, audit);
    const auth::ActorContext doctor{doctors[0], "doctora", domain::Role::Doctor, "127.0.0.1", 0};
    const auto callService = [&] { service.patientHistory(doctor, target); };
    measure(5, callService);
    const auto audited = measure(std::max(20, samples / 5), callService);

    std::printf("visit-history-bench: %lld visits across %lld patients (+1 with 50 visits)\n", visits, patients);
    std::printf("  generate: patients %.1f s, visits %.1f s (%.0f visits/s)\n", patientSeconds, visitSeconds,
                static_cast<double>(visits) / visitSeconds);
    std::printf("  history of 50 visits (%zu read), store read:     p50 %.3f ms  p99 %.3f ms  (%d samples)\n", seen,
                read.p50, read.p99, samples);
    std::printf("  getPatientHistory service call (audited commit): p50 %.3f ms  p99 %.3f ms  (%d samples)\n",
                audited.p50, audited.p99, std::max(20, samples / 5));
    std::printf("  database: %.1f MB total; visits add %.1f MB per 100,000 visits "
                "(2 diagnoses, 3 items, 1 vitals row each)\n",
                static_cast<double>(bytesAfter) / 1e6,
                static_cast<double>(bytesAfter - bytesBefore) / 1e6 * 100'000.0 / static_cast<double>(visits + 50));
    db.reset();
    fs::remove_all(dir);
    return 0;
}
