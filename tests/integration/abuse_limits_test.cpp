// The hub's abuse limits against the real daemon over TLS: a burst of wrong
// passwords (exact checks, bounded memory, a handful of audit rows), unlocking
// through the API and the command line while the daemon runs, the search
// limits and what a search leaves in the trail, /healthz and the disk floors,
// and no secret link in the log.
#include "sqlite_file.h"
#include "test_support.h"

#include <Poco/URI.h>

#include <fstream>
#include <regex>
#include <thread>

using namespace hub::it;

namespace {

// A line of /proc/<pid>/status in kB ("VmHWM", "VmRSS").
long long procStatusKb(pid_t pid, const std::string& field) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(field + ":", 0) == 0) return std::stoll(line.substr(field.size() + 1));
    return -1;
}

struct Event {
    std::string action, outcome, username, address, detail;
};

std::vector<Event> auditEvents(HubClient& admin, const std::string& query) {
    const auto r = admin.get("/api/v1/audit-events" + query);
    INFO(r.describe());
    REQUIRE(r.status == 200);
    std::vector<Event> out;
    const auto events = r.json->getArray("events");
    for (std::size_t i = 0; i < events->size(); ++i) {
        const auto e = events->getObject(static_cast<unsigned>(i));
        out.push_back({e->getValue<std::string>("action"), e->getValue<std::string>("outcome"),
                       e->optValue<std::string>("actor_username", ""), e->optValue<std::string>("client_address", ""),
                       e->optValue<std::string>("detail", "")});
    }
    return out;
}

std::string encoded(const std::string& q) {
    std::string out;
    Poco::URI::encode(q, "&=+#?", out);
    return out;
}

}  // namespace

TEST_CASE("sixty wrong passwords at once for one account: five are checked, memory stays in budget, the trail "
          "holds a handful of rows",
          "[integration][abuse][login]") {
    HubDataDir dir;
    // Sixty connections from one address: its connection cap (32) is lifted, the
    // sign-in throttle per address (20) is not.
    HubProcess hub(dir, HubOptions{{"--password-hash-concurrency", "2", "--connections-per-address", "100"}});
    constexpr int attempts = 60;
    std::vector<std::unique_ptr<HubClient>> clients;
    for (int i = 0; i < attempts; ++i) {
        clients.push_back(hub.client(ClientOptions{"localhost", std::chrono::seconds(30), false}));
        REQUIRE(clients.back()->get("/healthz").status == 200);  // connected and handshaken beforehand
    }
    const long long rssBeforeKb = procStatusKb(hub.pid(), "VmRSS");
    REQUIRE(rssBeforeKb > 0);

    std::vector<int> statuses(attempts);
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < attempts; ++i)
        threads.emplace_back([&, i] {
            while (!go) std::this_thread::yield();
            statuses[i] = clients[i]->login("dr.rahman", "wrong-password-" + std::to_string(i)).status;
        });
    go = true;
    for (auto& t : threads) t.join();

    const auto count = [&](int status) { return std::count(statuses.begin(), statuses.end(), status); };
    CHECK(count(401) == 5);   // exactly the allowed number were checked
    CHECK(count(429) == 55);  // the rest refused before any hashing
    CHECK(count(401) + count(429) == attempts);

    // Peak memory: the baseline plus at most two argon2id buffers (19 MiB each)
    // plus the connections. Unbounded, sixty buffers were over 1 GiB.
    const long long peakKb = procStatusKb(hub.pid(), "VmHWM");
    const long long budgetKb = 2 * 19 * 1024;
    INFO("VmRSS before " << rssBeforeKb << " kB, VmHWM after " << peakKb << " kB");
    CHECK(peakKb <= rssBeforeKb + budgetKb + 48 * 1024);

    // The right password is refused too, with a message and a Retry-After.
    auto owner = hub.client();
    const auto locked = owner->login("dr.rahman", demoPassword);
    CHECK(locked.status == 429);
    CHECK(locked.errorMessage().find("ask an admin to unlock it") != std::string::npos);
    CHECK(std::stoi(locked.header("Retry-After")) > 0);

    // The trail: the lock-out (who, from where) and one row per address and minute.
    auto admin = signedIn(hub, "admin");
    int rows = 0, counted = 0;
    bool lockout = false;
    for (const auto& e : auditEvents(*admin, "?limit=500")) {
        if (e.action == "login.locked") {
            lockout = true;
            CHECK(e.username == "dr.rahman");
            CHECK(e.address == "127.0.0.1");
            CHECK(e.detail.find("after 5 failed sign-ins") != std::string::npos);
        }
        if (e.action != "login" || e.outcome == "success") continue;
        ++rows;
        std::smatch m;
        REQUIRE(std::regex_search(e.detail, m, std::regex(R"(^(\d+) failed sign-in)")));
        counted += std::stoi(m[1]);
        CHECK(e.detail.find("wrong-password") == std::string::npos);
    }
    CHECK(lockout);
    CHECK(rows >= 1);
    CHECK(rows <= 3);  // one per minute: the burst may straddle a minute's end
    CHECK(counted == attempts + 1);  // the sixty and the owner's refused attempt
}

TEST_CASE("a locked account is unlocked by an admin through the API and by clinic-hub user unlock while the daemon "
          "runs, and a restart does not forget the lock",
          "[integration][abuse][login]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto lockOut = [&] {
        auto client = hub.client();
        for (int i = 0; i < 5; ++i) REQUIRE(client->login("reception", "wrong-password-" + std::to_string(i)).status == 401);
        REQUIRE(client->login("reception", demoPassword).status == 429);
    };
    auto admin = signedIn(hub, "admin");
    std::string receptionId;
    for (const auto& s : {admin->get("/api/v1/staff")})
        for (std::size_t i = 0; i < s.json->getArray("staff")->size(); ++i) {
            const auto m = s.json->getArray("staff")->getObject(static_cast<unsigned>(i));
            if (m->getValue<std::string>("username") == "reception") receptionId = m->getValue<std::string>("id");
        }
    REQUIRE_FALSE(receptionId.empty());

    lockOut();
    auto cashier = signedIn(hub, "cashier");
    CHECK(cashier->post("/api/v1/staff/" + receptionId + "/unlock", "").status == 403);
    const auto unlocked = admin->post("/api/v1/staff/" + receptionId + "/unlock", "");
    INFO(unlocked.describe());
    REQUIRE(unlocked.status == 200);
    CHECK(unlocked.json->getValue<bool>("was_locked"));
    CHECK(hub.client()->login("reception", demoPassword).status == 200);
    CHECK(admin->post("/api/v1/staff/999999/unlock", "").status == 404);

    lockOut();
    const auto cli = dir.cli({"user", "unlock", "--username", "reception"});
    INFO(cli.describe());
    REQUIRE(cli.succeeded());
    CHECK(cli.out.find("unlocked") != std::string::npos);
    CHECK(hub.client()->login("reception", demoPassword).status == 200);
    CHECK(dir.cli({"user", "unlock", "--username", "nobody.here"}).status.exitedWith(1));

    lockOut();
    REQUIRE(hub.stop().exitedWith(0));
    hub.restart();
    CHECK(hub.client()->login("reception", demoPassword).status == 429);

    auto after = signedIn(hub, "admin");
    bool audited = false;
    for (const auto& e : auditEvents(*after, "?action=staff.unlock&limit=50"))
        audited = audited || e.username == "cli";
    CHECK(audited);
}

TEST_CASE("patient search over TLS: minimum lengths, the session's rate limit, and a trail of ids and hashes",
          "[integration][abuse][search]") {
    HubDataDir dir;
    HubProcess hub(dir, HubOptions{{"--search-burst", "3", "--search-rate-per-minute", "6"}});
    auto reception = signedIn(hub, "reception");
    const auto patient = reception->post("/api/v1/patients", json({{"name", std::string("Zarina Quayum")},
                                                                    {"phone", std::string("01799-123456")},
                                                                    {"sex", std::string("female")},
                                                                    {"age_years", 30}}));
    REQUIRE(patient.status == 201);
    const std::string id = patient.json->getValue<std::string>("id");

    CHECK(reception->get("/api/v1/patients?q=Z").errorField() == "q");
    CHECK(reception->get("/api/v1/patients?q=" + encoded("মো")).errorField() == "q");
    CHECK(reception->get("/api/v1/patients?q=179").errorField() == "q");
    CHECK(reception->get("/api/v1/patients?q=Zarina&limit=51").errorField() == "limit");

    const std::vector<std::string> queries = {"Zarina Quayum", "01799-123456", "zarina"};
    for (const auto& q : queries) {
        const auto r = reception->get("/api/v1/patients?q=" + encoded(q));
        INFO(q << ": " << r.describe());
        REQUIRE(r.status == 200);
        REQUIRE(r.json->getArray("patients")->size() == 1);
    }
    const auto spent = reception->get("/api/v1/patients?q=Zarina");
    CHECK(spent.status == 429);
    CHECK_FALSE(spent.header("Retry-After").empty());
    // The limit is the session's: another receptionist's session searches on.
    CHECK(signedIn(hub, "reception")->get("/api/v1/patients?q=Zarina").status == 200);

    auto admin = signedIn(hub, "admin");
    const auto events = auditEvents(*admin, "?action=patient.search&limit=100");
    std::set<std::string> hashes;
    for (const auto& e : events) {
        for (const std::string secret : {"Zarina", "zarina", "Quayum", "123456", "01799"}) {
            INFO(e.detail);
            CHECK(e.detail.find(secret) == std::string::npos);
        }
        std::smatch m;
        if (e.outcome == "success" && std::regex_search(e.detail, m, std::regex(R"(hmac-sha256 ([0-9a-f]{64}))"))) {
            hashes.insert(m[1]);
            CHECK(e.detail.find("results 1; patients " + id + ";") == 0);
        }
    }
    // An investigator finds each query by hashing it with the box's key.
    for (const auto& q : {std::string("Zarina Quayum"), std::string("0179 912 3456")}) {
        const auto hashed = dir.cli({"audit", "search-hash", "--query", q});
        INFO(hashed.describe());
        REQUIRE(hashed.succeeded());
        CHECK(hashes.count(hashed.out.substr(0, 64)) == 1);
    }
    const auto never = dir.cli({"audit", "search-hash", "--query", "Somebody Else"});
    REQUIRE(never.succeeded());
    CHECK(hashes.count(never.out.substr(0, 64)) == 0);
    const auto key = dir.dataDir() / "search-audit.key";
    CHECK((std::filesystem::status(key).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
}

TEST_CASE("/healthz without a session says the status, the version and the uptime, and nothing more",
          "[integration][abuse][health]") {
    HubDataDir dir;
    HubProcess hub(dir);
    const auto r = hub.client()->get("/healthz");
    INFO(r.describe());
    REQUIRE(r.status == 200);
    REQUIRE(r.json);
    CHECK(r.json->getValue<std::string>("status") == "ok");
    std::set<std::string> names;
    for (const auto& n : r.json->getNames()) names.insert(n);
    CHECK(names == std::set<std::string>{"status", "version", "uptime_seconds"});
    CHECK(r.body.find("schema") == std::string::npos);
    CHECK(r.body.find("database") == std::string::npos);
}

TEST_CASE("below the disk's warning level the hub is degraded and still writes, and at the floor it is failing and "
          "patient writes get 507 while sign-in and reads go on",
          "[integration][abuse][disk]") {
    // The floors are set above this machine's free space (under 1 TiB) to stand in for a full disk.
    HubDataDir dir;
    {
        HubProcess low(dir, HubOptions{{"--disk-warning-mb", "1048576", "--disk-floor-mb", "1"}});
        const auto health = low.client()->get("/healthz");
        CHECK(health.status == 200);
        CHECK(health.json->getValue<std::string>("status") == "degraded");
        auto reception = signedIn(low, "reception");
        const auto created = reception->post(
            "/api/v1/patients", json({{"name", std::string("Nasima Akter")}, {"phone", std::string("01755-000111")},
                                      {"sex", std::string("female")}, {"age_years", 28}}));
        CHECK(created.status == 201);
        CHECK(low.log().find("disk space is low") != std::string::npos);
        const auto config = dir.root() / "status.conf";
        std::ofstream(config) << "[server]\nhostname = clinic-hub\nhttps-port = " << low.httpsPort()
                              << "\n[storage]\ndata-dir = " << dir.dataDir().string()
                              << "\ndisk-warning-mb = 1048576\ndisk-floor-mb = 1\n";
        const auto status = runProgram({hubCliBinary().string(), "status", "--config", config.string()});
        INFO(status.describe());
        CHECK(status.succeeded());
        CHECK(status.out.find("clinic-hubd:     degraded") != std::string::npos);
        CHECK(status.out.find("MiB free (low") != std::string::npos);
    }
    HubProcess full(dir, HubOptions{{"--disk-warning-mb", "1048576", "--disk-floor-mb", "1048575"}});
    const auto health = full.client()->get("/healthz");
    CHECK(health.status == 503);
    CHECK(health.json->getValue<std::string>("status") == "failing");
    auto reception = signedIn(full, "reception");  // a sign-in still works inside the floor's margin
    const auto refused = reception->post(
        "/api/v1/patients", json({{"name", std::string("Rubina Yasmin")}, {"phone", std::string("01755-000222")},
                                  {"sex", std::string("female")}, {"age_years", 33}}));
    INFO(refused.describe());
    CHECK(refused.status == 507);
    checkErrorShape(refused);
    CHECK(refused.errorCode() == "insufficient_storage");
    const auto found = reception->get("/api/v1/patients?q=Nasima");
    REQUIRE(found.status == 200);
    const auto list = found.json->getArray("patients");
    REQUIRE(list->size() == 1);
    CHECK(reception->get("/api/v1/patients/" + list->getObject(0)->getValue<std::string>("id")).status == 200);
    CHECK(full.log().find("disk space is at the floor") != std::string::npos);
    REQUIRE(full.stop().exitedWith(0));
    CHECK(integrityCheck(dir.database()) == "ok");
}

TEST_CASE("no tracking code or display key reaches the daemon's log, even at debug level",
          "[integration][abuse][log]") {
    HubDataDir dir;
    HubProcess hub(dir, HubOptions{{"--log-level", "debug"}});
    auto admin = signedIn(hub, "admin");
    const auto displays = admin->get("/api/v1/displays");
    REQUIRE(displays.status == 200);
    REQUIRE(displays.json->getArray("displays")->size() >= 1);
    const std::string key = displays.json->getArray("displays")->getObject(0)->getValue<std::string>("key");
    auto tv = hub.client();
    CHECK(tv->get("/display/" + key).status == 200);
    CHECK(tv->get("/api/v1/display/" + key + "/state").status == 200);
    CHECK(tv->get("/api/v1/display/" + key + "x/state").status == 404);

    auto reception = signedIn(hub, "reception");
    const auto patient = reception->post("/api/v1/patients", json({{"name", std::string("Lipi Das")},
                                                                    {"phone", std::string("01766-555444")},
                                                                    {"sex", std::string("female")},
                                                                    {"age_years", 25}}));
    REQUIRE(patient.status == 201);
    const auto doctors = reception->get("/api/v1/doctors");
    REQUIRE(doctors.status == 200);
    const std::string doctorId = doctors.json->getArray("doctors")->getObject(0)->getValue<std::string>("id");
    const auto token = reception->post(
        "/api/v1/tokens", json({{"patient_id", patient.json->getValue<std::string>("id")}, {"doctor_id", doctorId}}));
    REQUIRE(token.status == 201);
    const auto slip = reception->get("/api/v1/tokens/" + token.json->getValue<std::string>("id") + "/slip");
    REQUIRE(slip.status == 200);
    std::smatch m;
    REQUIRE(std::regex_search(slip.body, m, std::regex(R"(/t/([A-Za-z0-9_-]{22}))")));
    const std::string code = m[1];
    auto phone = hub.client();
    CHECK(phone->get("/t/" + code).status == 200);
    CHECK(phone->get("/api/v1/track/" + code).status == 200);
    const std::string other = code.substr(0, 21) + (code.back() == 'A' ? "B" : "A");
    CHECK(phone->get("/api/v1/track/" + other).status == 404);

    REQUIRE(hub.stop().exitedWith(0));
    const std::string log = hub.log();
    CHECK_FALSE(log.empty());
    CHECK(log.find(key) == std::string::npos);
    CHECK(log.find(code) == std::string::npos);
    CHECK(log.find(code.substr(0, 12)) == std::string::npos);
}
