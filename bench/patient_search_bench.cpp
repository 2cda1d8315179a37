// Patient search on a large clinic: generates N synthetic patients (default
// 200,000) into a temporary database through the bulk path, then times the
// queries behind searchPatients: phone endings of 4-6 digits, a full number
// typed in local format, part of an English and of a Bangla name, a two-letter
// name start, and a record number. Prints p50/p99 per kind and the file size.
// Finally it times the whole audited service call, whose cost is dominated by
// the commit of its audit event (synchronous=FULL).
//
//   patient-search-bench [patients] [queries-per-kind] [directory]
#include "bench_stats.h"
#include "hub/core/error.h"
#include "hub/audit/audit_log.h"
#include "hub/auth/bootstrap.h"
#include "hub/auth/password_hasher.h"
#include "hub/core/random.h"
#include "hub/domain/phone.h"
#include "hub/opd/patient_service.h"
#include "hub/opd/synthetic_patients.h"
#include "hub/store/database.h"
#include "hub/store/patient_repository.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace hub;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

struct Sample {
    long long id;
    std::string phone;  // E.164
    std::string name;
};

// "+8801712345678" -> "01712-345678"; "+919876543210" -> "098765 43210".
std::string localFormat(const std::string& e164) {
    if (e164.rfind("+880", 0) == 0) return "0" + e164.substr(4, 4) + "-" + e164.substr(8);
    return "0" + e164.substr(3, 5) + " " + e164.substr(8);
}

std::vector<std::string> words(const std::string& name) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < name.size()) {
        const std::size_t space = std::min(name.find(' ', start), name.size());
        if (space > start) out.push_back(name.substr(start, space - start));
        start = space + 1;
    }
    return out;
}

// A piece of 3-5 code points from one of the name's longer words.
std::string fragment(const std::string& name, std::mt19937_64& rng) {
    std::vector<std::string> candidates;
    for (const auto& w : words(name))
        if (bench::codePoints(w).size() >= 4) candidates.push_back(w);
    if (candidates.empty()) return name;
    const auto cps = bench::codePoints(candidates[rng() % candidates.size()]);
    const std::size_t len = std::min<std::size_t>(3 + rng() % 3, cps.size());
    const std::size_t at = rng() % (cps.size() - len + 1);
    std::string out;
    for (std::size_t i = at; i < at + len; ++i) out += cps[i];
    return out;
}

void report(const char* what, std::vector<double> times, std::size_t hits) {
    std::sort(times.begin(), times.end());
    auto at = [&](double q) { return times[std::min(times.size() - 1, static_cast<std::size_t>(q * static_cast<double>(times.size())))]; };
    std::printf("  %-34s n=%5zu  p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms  (%.1f results/query)\n", what,
                times.size(), at(0.50), at(0.99), times.back(), static_cast<double>(hits) / static_cast<double>(times.size()));
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t patients = argc > 1 ? std::stoul(argv[1]) : 200'000;
    const std::size_t queries = argc > 2 ? std::stoul(argv[2]) : 1000;
    const fs::path dir = argc > 3 ? fs::path(argv[3])
                                  : fs::temp_directory_path() / ("patient-search-bench-" + randomToken(6));
    fs::create_directories(dir);
    const fs::path file = dir / "hub.db";
    fs::remove(file);

    SystemClock clock;
    auto db = store::Database::open(file);
    audit::AuditLog audit(clock);
    auth::PasswordHasher hasher(auth::Argon2Params{8, 1, 1});
    const auto admin = auth::initializeClinic({*db, clock, hasher, audit}, "Bench Clinic", "admin",
                                              "bench password 123");
    const domain::Date today{2026, 11, 24};
    const std::vector<std::string> regions{"BD", "IN"};

    // The same seed replays the same patients, so samples need no query.
    const std::uint64_t seed = 2026;
    opd::SyntheticPatients generator(seed), replay(seed);
    const auto started = Steady::now();
    opd::insertSyntheticPatients(*db, generator, patients, today, clock.now());
    const double insertSeconds = bench::milliseconds(Steady::now() - started) / 1000;

    // Closing checkpoints the bulk load's write-ahead log into the file, as a
    // running hub's automatic checkpoints keep it in steady state.
    db.reset();
    db = store::Database::open(file);

    std::vector<Sample> english, bangla;
    for (std::size_t i = 0; i < patients; ++i) {
        auto p = replay.next(today);
        if (i % 97 != 0) continue;
        const bool isBangla = static_cast<unsigned char>(p.name[0]) >= 0x80;
        (isBangla ? bangla : english).push_back({static_cast<long long>(i + 1), p.phones.front(), p.name});
    }
    std::vector<Sample> all = english;
    all.insert(all.end(), bangla.begin(), bangla.end());

    std::printf("patient-search-bench: %zu patients inserted in %.1f s (%.0f/s), batches of 5000\n", patients,
                insertSeconds, static_cast<double>(patients) / insertSeconds);
    std::uintmax_t bytes = fs::file_size(file);
    if (fs::exists(dir / "hub.db-wal")) bytes += fs::file_size(dir / "hub.db-wal");
    std::printf("  database size %.1f MiB (%.0f bytes/patient)\n", static_cast<double>(bytes) / (1 << 20),
                static_cast<double>(bytes) / static_cast<double>(patients));

    std::mt19937_64 rng(7);
    auto run = [&](const char* what, const std::function<std::size_t(store::PatientRepository&)>& query) {
        std::vector<double> times;
        std::size_t hits = 0;
        for (std::size_t i = 0; i < queries; ++i) {
            const auto t0 = Steady::now();
            hits += db->read([&](store::Connection& c) {
                store::PatientRepository repo(c);
                return query(repo);
            });
            times.push_back(bench::milliseconds(Steady::now() - t0));
        }
        report(what, std::move(times), hits);
    };
    auto any = [&](const std::vector<Sample>& from) -> const Sample& { return from[rng() % from.size()]; };
    const int limit = opd::defaultSearchLimit;

    std::printf("repository queries (read connection, limit %d):\n", limit);
    for (int digits : {4, 5, 6}) {
        const std::string label = "phone ending, " + std::to_string(digits) + " digits";
        run(label.c_str(), [&](store::PatientRepository& repo) {
            const std::string e164 = any(all).phone;
            return repo.findByPhoneSuffix(e164.substr(e164.size() - static_cast<std::size_t>(digits)), limit).size();
        });
    }
    run("full phone, local format", [&](store::PatientRepository& repo) {
        const std::string typed = localFormat(any(all).phone);
        std::size_t n = 0;
        if (auto e164 = domain::normalizePhone(typed, regions)) n += repo.findByPhone(*e164, limit).size();
        n += repo.findByPhoneSuffix(domain::phoneDigits(typed), limit).size();
        return n;
    });
    run("name part, English (3-5 letters)", [&](store::PatientRepository& repo) {
        return repo.findByNameSubstring(fragment(any(english).name, rng), limit).size();
    });
    run("name part, Bangla (3-5 code points)", [&](store::PatientRepository& repo) {
        return repo.findByNameSubstring(fragment(any(bangla).name, rng), limit).size();
    });
    run("name start, 2 letters", [&](store::PatientRepository& repo) {
        return repo.findByNamePrefix(any(english).name.substr(0, 2), limit).size();
    });
    run("record number", [&](store::PatientRepository& repo) {
        return repo.findByMrn(domain::formatMrn(today.year, any(all).id)) ? std::size_t{1} : std::size_t{0};
    });

    // The service: permission, query parsing, the queries, and the audit event
    // committed to disk before the answer.
    opd::PatientService service(*db, clock, audit);
    const auth::ActorContext actor{admin.id, "admin", domain::Role::Admin, "127.0.0.1", 0};
    std::vector<double> times;
    std::size_t hits = 0, tooShort = 0;
    for (std::size_t i = 0; i < queries; ++i) {
        const Sample& s = any(all);
        std::string q;
        switch (i % 4) {
            case 0: q = s.phone.substr(s.phone.size() - 4); break;
            case 1: q = localFormat(s.phone); break;
            case 2: q = fragment(s.name, rng); break;
            default: q = domain::formatMrn(today.year, s.id); break;
        }
        const auto t0 = Steady::now();
        try {
            hits += service.searchPatients(actor, q).size();
        } catch (const Error& e) {
            // A Bangla fragment of 3-5 code points can be one letter (ক্ষ): too short to search.
            if (e.code() != ErrorCode::InvalidInput) throw;
            ++tooShort;
        }
        times.push_back(bench::milliseconds(Steady::now() - t0));
    }
    std::printf("service (audited, one write transaction each; %zu queries refused as too short):\n", tooShort);
    report("searchPatients, mixed queries", std::move(times), hits);

    db.reset();
    if (argc <= 3) fs::remove_all(dir);
    return 0;
}
