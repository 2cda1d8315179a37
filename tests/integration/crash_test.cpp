// Power-cut behaviour: the real daemon, under a stream of createStaff writes
// over HTTPS from several clients, is SIGKILLed at random moments and started
// again on the same data directory. A write the API acknowledged (201) must
// never be lost, and the database must stay sound.
#include "sqlite_file.h"
#include "test_support.h"

#include <map>
#include <mutex>
#include <random>
#include <thread>

using namespace hub::it;

namespace {

constexpr int kCycles = 20;
constexpr int kWriters = 3;

// What the writers saw, shared between their threads.
struct Ledger {
    std::mutex mutex;
    std::set<std::string> acknowledged;      // got 201: must survive
    std::vector<std::string> unexpected;     // an HTTP answer other than 201
    std::atomic<int> attempts{0};
    std::atomic<int> transportFailures{0};   // the daemon died under the request

    std::map<std::string, int> failureKinds;  // exception text -> count, for the report
    void noteFailure(const std::string& what) {
        std::lock_guard lock(mutex);
        ++failureKinds[what];
    }
    std::string failureSummary() {
        std::lock_guard lock(mutex);
        std::string out;
        for (const auto& [what, count] : failureKinds) out += "  " + std::to_string(count) + " x " + what + "\n";
        return out;
    }

    void acknowledge(const std::string& username) {
        std::lock_guard lock(mutex);
        acknowledged.insert(username);
    }
    std::set<std::string> snapshot() {
        std::lock_guard lock(mutex);
        return acknowledged;
    }
};

void writer(int index, const HubDataDir& dir, int port, const std::string& token, const std::string& csrf,
            std::atomic<bool>& stop, Ledger& ledger) {
    // No retry on a new connection: a replayed POST would blur what was acknowledged.
    HubClient client(dir.caFile(), port, ClientOptions{"localhost", std::chrono::seconds(10), false});
    client.setSession(token, csrf);
    for (int n = 0; !stop; ++n) {
        const std::string username = "crash" + std::to_string(index) + "-" + std::to_string(n);
        ++ledger.attempts;
        try {
            const auto r = client.post("/api/v1/staff", newStaffBody(username, "cashier"));
            if (r.status == 201) {
                ledger.acknowledge(username);
            } else {
                std::lock_guard lock(ledger.mutex);
                ledger.unexpected.push_back(username + ": " + r.describe());
            }
        } catch (const std::exception& e) {
            // Killed mid-request, or not restarted yet: the write's fate is unknown.
            ++ledger.transportFailures;
            ledger.noteFailure(e.what());
            client.disconnect();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
}

}  // namespace

TEST_CASE("every createStaff acknowledged with 201 survives SIGKILL at random moments, and the database stays sound",
          "[integration][crash]") {
    const auto seed = std::random_device{}();
    INFO("random seed " << seed);
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> killDelayMs(50, 500);

    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");
    // The session lives in the database, so it outlives every restart.
    const std::string token = admin->sessionToken(), csrf = admin->csrfToken();

    Ledger ledger;
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i)
        writers.emplace_back(writer, i, std::cref(dir), hub.httpsPort(), token, csrf, std::ref(stop), std::ref(ledger));
    struct JoinOnExit {
        std::atomic<bool>& stop;
        std::vector<std::thread>& threads;
        ~JoinOnExit() {
            stop = true;
            for (auto& t : threads)
                if (t.joinable()) t.join();
        }
    } joinOnExit{stop, writers};

    for (int cycle = 1; cycle <= kCycles; ++cycle) {
        // "Writes have started" once this run of the daemon acknowledged one:
        // argon2 makes a write take 50 ms to well over 500 ms on a busy machine,
        // so a fixed delay alone could kill every run before its first write.
        const std::size_t ackedSoFar = ledger.snapshot().size();
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (ledger.snapshot().size() == ackedSoFar && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        INFO("cycle " << cycle << ": failures so far:\n" << ledger.failureSummary());
        REQUIRE(ledger.snapshot().size() > ackedSoFar);
        std::this_thread::sleep_for(std::chrono::milliseconds(killDelayMs(random)));
        const auto before = ledger.snapshot();
        hub.kill();
        // As the box finds it after a power cut: WAL and all, before recovery.
        if (cycle % 5 == 0) CHECK(integrityCheck(dir.database()) == "ok");
        hub.restart();

        // Everything acknowledged before the kill is there after it.
        const auto present = staffUsernames(*admin);
        for (const auto& username : before) {
            INFO("cycle " << cycle << ": acknowledged " << username << " is missing after SIGKILL");
            REQUIRE(present.count(username) == 1);
        }
    }
    stop = true;
    for (auto& t : writers) t.join();

    const auto acknowledged = ledger.snapshot();
    const auto present = staffUsernames(*admin);
    INFO(acknowledged.size() << " acknowledged of " << ledger.attempts << " attempts; " << ledger.transportFailures
                             << " cut off by a kill:\n" << ledger.failureSummary());
    {
        std::lock_guard lock(ledger.mutex);
        for (const auto& u : ledger.unexpected) FAIL_CHECK("unexpected answer for " << u);
    }
    CHECK(acknowledged.size() >= static_cast<std::size_t>(kCycles));
    CHECK(ledger.transportFailures >= 1);  // the kills really did land mid-stream
    for (const auto& username : acknowledged) {
        INFO("acknowledged " << username << " is missing at the end");
        CHECK(present.count(username) == 1);
    }

    REQUIRE(hub.stop().exitedWith(0));
    CHECK(integrityCheck(dir.database()) == "ok");
    // The audit chain survived the kills too.
    const auto verify = dir.cli({"audit", "verify"});
    INFO(verify.describe());
    CHECK(verify.succeeded());
}
