// The admin CLI against a real data directory while the real daemon serves it:
// what `clinic-hub` changes on disk must show over HTTPS at once.
#include "test_support.h"

using namespace hub::it;

TEST_CASE("clinic-hub init, run without a terminal, creates a clinic whose admin signs in over HTTPS",
          "[integration][cli]") {
    HubDataDir dir(HubDataDir::Contents::Empty);
    const auto init = dir.cli({"init", "--clinic-name", "Green Road Clinic", "--admin-username", "head.admin",
                               "--admin-password-file", dir.passwordFile("first-admin-password").string()});
    INFO(init.describe());
    REQUIRE(init.succeeded());
    CHECK(init.out.find("Green Road Clinic") != std::string::npos);
    CHECK(init.out.find("fingerprint") != std::string::npos);
    CHECK(std::filesystem::exists(dir.caFile()));

    HubProcess hub(dir);
    auto admin = signedIn(hub, "head.admin", "first-admin-password");
    CHECK(admin->get("/api/v1/auth/me").json->getObject("user")->getValue<std::string>("role") == "admin");
    CHECK(staffUsernames(*admin) == std::set<std::string>{"head.admin"});

    SECTION("without a password file and without a terminal it refuses, naming the option") {
        HubDataDir other(HubDataDir::Contents::Empty);
        const auto r = other.cli({"init", "--clinic-name", "X", "--admin-username", "x.admin"});
        INFO(r.describe());
        CHECK_FALSE(r.status.exitedWith(0));
        CHECK(r.err.find("--admin-password-file") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(other.database()));
    }
}

TEST_CASE("clinic-hub user add, passwd and disable take effect for signing in over HTTPS", "[integration][cli]") {
    HubDataDir dir;
    HubProcess hub(dir);

    const auto add = dir.cli({"user", "add", "--username", "karim", "--display-name", "Karim Uddin", "--role",
                              "nurse", "--password-file", dir.passwordFile("karim-first-pass").string()});
    INFO(add.describe());
    REQUIRE(add.succeeded());
    {
        auto karim = signedIn(hub, "karim", "karim-first-pass");
        const auto me = karim->get("/api/v1/auth/me");
        CHECK(me.json->getObject("user")->getValue<std::string>("role") == "nurse");
        CHECK(me.json->getObject("user")->getValue<std::string>("display_name") == "Karim Uddin");
    }

    const auto passwd = dir.cli({"user", "passwd", "--username", "karim", "--password-file",
                                 dir.passwordFile("karim-second-pass").string()});
    INFO(passwd.describe());
    REQUIRE(passwd.succeeded());
    CHECK(hub.client()->login("karim", "karim-first-pass").status == 401);
    auto karim = signedIn(hub, "karim", "karim-second-pass");

    const auto disable = dir.cli({"user", "disable", "--username", "karim"});
    INFO(disable.describe());
    REQUIRE(disable.succeeded());
    const auto refused = hub.client()->login("karim", "karim-second-pass");
    INFO(refused.describe());
    CHECK(refused.status == 401);
    checkErrorShape(refused);

    const auto list = dir.cli({"user", "list"});
    INFO(list.describe());
    REQUIRE(list.succeeded());
    bool listedDisabled = false;
    for (const auto& line : lines(list.out))
        if (line.rfind("karim", 0) == 0) listedDisabled = line.find("disabled") != std::string::npos;
    CHECK(listedDisabled);

    const auto enable = dir.cli({"user", "enable", "--username", "karim"});
    REQUIRE(enable.succeeded());
    CHECK(hub.client()->login("karim", "karim-second-pass").status == 200);

    SECTION("mistakes are usage errors naming the option") {
        const auto noRole = dir.cli({"user", "add", "--username", "x.noone", "--password-file",
                                     dir.passwordFile("whatever-pass-1").string()});
        INFO(noRole.describe());
        CHECK(noRole.status.exitedWith(2));
        CHECK(noRole.err.find("--role") != std::string::npos);
        const auto unknown = dir.cli({"user", "disable", "--username", "no.such.user"});
        INFO(unknown.describe());
        CHECK_FALSE(unknown.status.exitedWith(0));
        CHECK(lines(unknown.err).size() == 1);
    }
}

TEST_CASE("every clinic-hub subcommand's --help exits 0 and describes it", "[integration][cli]") {
    const std::vector<std::vector<std::string>> commands = {
        {"--help"},           {"init", "--help"},    {"user", "add", "--help"},   {"user", "passwd", "--help"},
        {"user", "disable", "--help"}, {"user", "enable", "--help"}, {"user", "list", "--help"},
        {"user", "unlock", "--help"},  {"audit", "verify", "--help"}, {"audit", "search-hash", "--help"},
        {"status", "--help"},          {"demo-data", "--help"},
    };
    for (const auto& args : commands) {
        std::vector<std::string> argv{hubCliBinary().string()};
        argv.insert(argv.end(), args.begin(), args.end());
        const auto r = runProgram(argv);
        INFO(args.front() << (args.size() > 1 ? " " + args[1] : std::string()) << ": " << r.describe());
        CHECK(r.succeeded());
        CHECK(r.out.find("Usage: clinic-hub") != std::string::npos);
        CHECK(r.out.find("--help") != std::string::npos);
    }
    const auto bare = runProgram({hubCliBinary().string()});
    CHECK(bare.status.exitedWith(2));
}

TEST_CASE("clinic-hub status reports the running daemon as ok", "[integration][cli]") {
    HubDataDir dir;
    HubProcess hub(dir);
    // status finds the daemon's port in the config file, as on an installed box.
    const auto config = dir.root() / "status.conf";
    writeFile(config, "[server]\nhostname = clinic-hub\nhttps-port = " + std::to_string(hub.httpsPort()) +
                          "\n[storage]\ndata-dir = " + dir.dataDir().string() + "\n");
    const auto up = runProgram({hubCliBinary().string(), "status", "--config", config.string()});
    INFO(up.describe());
    CHECK(up.succeeded());
    CHECK(up.out.find("(DEMO)") != std::string::npos);
    CHECK(up.out.find("integrity ok") != std::string::npos);
    std::string daemonLine;
    for (const auto& line : lines(up.out))
        if (line.rfind("clinic-hubd:", 0) == 0) daemonLine = line;
    CHECK(daemonLine.find(" ok, version") != std::string::npos);

    REQUIRE(hub.stop().exitedWith(0));
    const auto down = runProgram({hubCliBinary().string(), "status", "--config", config.string()});
    INFO(down.describe());
    CHECK(down.status.exitedWith(1));
    CHECK(down.out.find("not answering") != std::string::npos);
}

TEST_CASE("clinic-hub demo-data makes a waiting-room TV whose printed URL shows both doctors' queues",
          "[integration][cli]") {
    HubDataDir dir(HubDataDir::Contents::Empty);
    const auto demo = dir.cli({"demo-data"});
    INFO(demo.describe());
    REQUIRE(demo.succeeded());
    const auto at = demo.out.find("Waiting-room TV: /display/");
    REQUIRE(at != std::string::npos);
    const std::string key = demo.out.substr(at + 26, 22);

    HubProcess hub(dir);
    auto tv = hub.client();  // no sign-in: the key is the TV's only credential
    const auto page = tv->get("/display/" + key);
    CHECK(page.status == 200);
    const auto state = tv->get("/api/v1/display/" + key + "/state");
    INFO(state.describe());
    REQUIRE(state.status == 200);
    CHECK(state.json->getObject("display")->getValue<std::string>("name") == "Waiting room TV");
    CHECK(state.json->getObject("display")->getValue<std::string>("languages") == "both");
    CHECK(state.json->getArray("doctors")->size() == 2);

    // A second run refuses the directory: demo data never lands in a real clinic.
    const auto again = dir.cli({"demo-data"});
    CHECK_FALSE(again.succeeded());
    CHECK(again.err.find("already holds a clinic database") != std::string::npos);
}
