// The sync's commands refuse bad input with a message naming the option, and
// never touch the network or the data directory when they do.
#include "test_support.h"

using namespace hub::it;

namespace {

ProgramResult syncInit(const HubDataDir& dir, std::vector<std::string> extra) {
    std::vector<std::string> args{"sync", "init"};
    args.insert(args.end(), extra.begin(), extra.end());
    return dir.cli(args);
}

}  // namespace

TEST_CASE("sync init and restore name the option that is wrong or missing", "[integration][cli][sync]") {
    HubDataDir dir;
    const auto secret = dir.passwordFile("a-secret-key");
    const auto passphrase = dir.passwordFile("a long enough passphrase");
    const std::vector<std::string> good{"--endpoint", "https://s3.example.com", "--bucket", "clinic-bucket",
                                        "--access-key-id", "AKID", "--secret-key-file", secret.string(),
                                        "--passphrase-file", passphrase.string()};
    auto with = [&](const std::string& option, const std::string& value) {
        auto args = good;
        const auto it = std::find(args.begin(), args.end(), option);
        if (it != args.end()) *(it + 1) = value;
        return args;
    };
    auto without = [&](const std::string& option) {
        auto args = good;
        const auto it = std::find(args.begin(), args.end(), option);
        args.erase(it, it + 2);
        return args;
    };
    struct Case {
        std::vector<std::string> args;
        std::string mentions;
    };
    const std::vector<Case> cases = {
        {without("--bucket"), "--bucket is required"},
        {without("--endpoint"), "--endpoint is required"},
        {without("--access-key-id"), "--access-key-id is required"},
        {with("--endpoint", "ftp://s3.example.com"), "--endpoint:"},
        {with("--endpoint", "https://s3.example.com/some/path"), "--endpoint:"},
        {with("--bucket", "No_Such Bucket"), "--bucket:"},
        {with("--secret-key-file", "/nonexistent/secret"), "--secret-key-file"},
        {with("--passphrase-file", dir.passwordFile("short").string()), "--passphrase-file: the recovery passphrase must be at least 12"},
    };
    for (const auto& c : cases) {
        const auto r = syncInit(dir, c.args);
        INFO(r.describe());
        CHECK(r.status.exitedWith(2));
        CHECK(r.err.find(c.mentions) != std::string::npos);
    }
    auto caArgs = good;
    caArgs.insert(caArgs.end(), {"--ca-file", dir.passwordFile("not a certificate").string()});
    const auto badCa = syncInit(dir, caArgs);
    CHECK(badCa.status.exitedWith(2));
    CHECK(badCa.err.find("--ca-file") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.dataDir() / "sync" / "settings.json"));

    HubDataDir fresh(HubDataDir::Contents::Empty);
    auto restoreArgs = std::vector<std::string>{"restore"};
    restoreArgs.insert(restoreArgs.end(), good.begin(), good.end());
    restoreArgs.insert(restoreArgs.end(), {"--restore-point", "0"});
    const auto zero = fresh.cli(restoreArgs);
    CHECK(zero.status.exitedWith(2));
    CHECK(zero.err.find("--restore-point") != std::string::npos);
    const auto notNumber = fresh.cli({"restore", "--restore-point", "latest"});
    CHECK(notNumber.status.exitedWith(2));
    CHECK(notNumber.err.find("restore-point") != std::string::npos);

    const auto now = dir.cli({"sync", "now"});
    CHECK(now.status.exitedWith(1));
    CHECK(now.err.find("not set up") != std::string::npos);
    const auto status = dir.cli({"sync", "status"});
    CHECK(status.succeeded());
    CHECK(status.out.find("not set up") != std::string::npos);
    CHECK(dir.cli({"sync", "frobnicate"}).status.exitedWith(2));
    const auto demo = dir.cli({"demo-data", "--years", "99"});
    CHECK(demo.status.exitedWith(2));
    CHECK(demo.err.find("--years") != std::string::npos);
}
