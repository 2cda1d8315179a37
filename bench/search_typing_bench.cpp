// Search as you type, as the front desk's app sends it, through the real
// daemon over HTTPS (issue 17: the answer time's p95 on 200,000 patients).
// Driven by bench/search-as-you-type, in two steps:
//
//   search-typing-bench populate <data-dir> [patients=200000]
//       adds synthetic patients to the (stopped) hub's database in <data-dir>
//   search-typing-bench type <ca.crt> <port> [patients=200000] [people=300]
//       signs in as the demo receptionist and types, keystroke by keystroke,
//       the phone number (local format) and the first name of `people`
//       patients drawn from the ones populate added, one request per
//       keystroke from the point the app starts asking (4 digits, 2 letters);
//       prints p50/p95/p99/max of the answer time per kind and overall.
//
// Every keystroke is a request, as if the app's 120 ms pause between
// keystrokes never merged two: the worst case for the hub.
#include "bench_client.h"

#include "hub/core/clock.h"
#include "hub/opd/synthetic_patients.h"
#include "hub/store/database.h"

#include <Poco/URI.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr std::uint64_t seed = 1717;  // populate and type replay the same patients
const hub::domain::Date today{2026, 12, 3};

// "+8801712345678" -> "01712345678"; "+919876543210" -> "09876543210", as a receptionist types it.
std::string localFormat(const std::string& e164) {
    return "0" + e164.substr(e164.rfind("+880", 0) == 0 ? 4 : 3);
}

void report(const char* what, const std::vector<double>& t) {
    std::printf("  %-28s n=%6zu  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %7.2f ms\n", what, t.size(),
                bench::percentile(t, 0.50), bench::percentile(t, 0.95), bench::percentile(t, 0.99),
                bench::percentile(t, 1.0));
}

int populate(const std::filesystem::path& dataDir, std::size_t patients) {
    hub::SystemClock clock;
    auto db = hub::store::Database::open(dataDir / "clinic-hub.db");
    hub::opd::SyntheticPatients generator(seed);
    const auto started = bench::Clock::now();
    hub::opd::insertSyntheticPatients(*db, generator, patients, today, clock.now());
    std::printf("populate: %zu patients in %.1f s\n", patients, bench::milliseconds(bench::Clock::now() - started) / 1000);
    return 0;
}

int type(const std::string& ca, int port, std::size_t patients, std::size_t people) {
    auto trust = hub::tls::TlsClientContext::fromFile(ca);
    bench::Client desk(trust, port);
    desk.login("reception", "demo-password-1");

    hub::opd::SyntheticPatients replay(seed);
    const std::size_t every = std::max<std::size_t>(1, patients / people);
    std::vector<double> phone, name, all;
    std::size_t failures = 0;
    auto ask = [&](const std::string& typed, std::vector<double>& into) {
        std::string out;
        const auto start = bench::Clock::now();
        std::string q;
        Poco::URI::encode(typed, "+&=#?/ ", q);
        const int status = desk.send("GET", "/api/v1/patients?q=" + q + "&limit=10", "", out);
        const double took = bench::milliseconds(bench::Clock::now() - start);
        if (status != 200) {
            if (++failures <= 3) std::cerr << "search " << typed << ": " << status << " " << out << "\n";
            return;
        }
        into.push_back(took);
        all.push_back(took);
    };
    for (std::size_t i = 0; i < patients; ++i) {
        const auto p = replay.next(today);
        if (i % every != 0) continue;
        const std::string digits = localFormat(p.phones.front());
        for (std::size_t n = 4; n <= digits.size(); ++n) ask(digits.substr(0, n), phone);
        const auto first = bench::codePoints(p.name.substr(0, p.name.find(' ')));
        std::string typed;
        for (std::size_t n = 0; n < first.size(); ++n) {
            typed += first[n];
            if (n >= 1) ask(typed, name);
        }
    }
    std::printf("search-typing-bench: %zu patients typed (phone, then first name), one request per keystroke\n",
                all.empty() ? 0 : (patients + every - 1) / every);
    report("phone, 4 digits on", phone);
    report("name, 2 letters on", name);
    report("every keystroke", all);
    std::printf("  failures: %zu\n", failures);
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char* argv[]) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "populate" && argc >= 3) return populate(argv[2], argc > 3 ? std::stoul(argv[3]) : 200'000);
    if (mode == "type" && argc >= 4)
        return type(argv[2], std::stoi(argv[3]), argc > 4 ? std::stoul(argv[4]) : 200'000,
                    argc > 5 ? std::stoul(argv[5]) : 300);
    std::cerr << "usage: search-typing-bench populate <data-dir> [patients]\n"
                 "       search-typing-bench type <ca.crt> <port> [patients] [people]\n";
    return 2;
}
