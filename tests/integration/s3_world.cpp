#include "s3_world.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <signal.h>

#include <stdexcept>
#include <thread>

namespace hub::it {

namespace fs = std::filesystem;

namespace {

fs::path s3TestDir() { return fs::path(CLINIC_HUB_SOURCE_DIR) / "tests" / "s3"; }

}  // namespace

std::optional<std::string> s3WorldUnavailable() {
    if (!haveProgram("node")) return "node is not installed (apt-get install nodejs npm)";
    if (!haveProgram("openssl")) return "openssl is not installed (apt-get install openssl)";
    for (const char* module : {"s3rver", "@smithy/signature-v4"})
        if (!fs::exists(s3TestDir() / "node_modules" / module))
            return std::string(module) + " is not installed (cd tests/s3 && npm ci; packaging/dev/run-tests does it)";
    return std::nullopt;
}

S3World::S3World(const fs::path& dir) : dir_(dir) {
    fs::create_directories(dir_);
    node_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{"node", (s3TestDir() / "s3world.mjs").string(), "--dir", dir_.string(),
                                 "--access-key-id", accessKeyId, "--secret-key", secretKey, "--bucket", bucket},
        dir_ / "world.out", dir_ / "world.err");
    for (int i = 0; i < 300; ++i) {
        const std::string out = readFile(dir_ / "world.out");
        if (out.find('\n') != std::string::npos) {
            const auto o = Poco::JSON::Parser().parse(out.substr(0, out.find('\n'))).extract<Poco::JSON::Object::Ptr>();
            s3Port_ = o->getValue<int>("s3");
            proxyPort_ = o->getValue<int>("proxy");
            controlPort_ = o->getValue<int>("control");
            caFile_ = o->getValue<std::string>("ca");
            return;
        }
        if (!node_->running())
            throw std::runtime_error("s3world.mjs ended: " + readFile(dir_ / "world.err"));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("s3world.mjs did not start within 30 s: " + readFile(dir_ / "world.err"));
}

S3World::~S3World() {
    if (node_ && node_->running()) {
        node_->signal(SIGTERM);
        if (!node_->waitFor(std::chrono::seconds(5))) node_->kill();
    }
}

std::string S3World::endpoint() const { return "https://localhost:" + std::to_string(s3Port_); }
std::string S3World::proxyEndpoint() const { return "https://localhost:" + std::to_string(proxyPort_); }

fs::path S3World::objectFile(const std::string& key) const {
    const fs::path p = dir_ / "s3rver" / bucket / key;
    return p.parent_path() / (p.filename().string() + "._S3rver_object");
}

std::vector<std::string> S3World::objectKeys(const std::string& prefix) const {
    std::vector<std::string> keys;
    const fs::path root = dir_ / "s3rver" / bucket;
    const std::string suffix = "._S3rver_object";
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        const std::string name = e.path().filename().string();
        if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
        std::string key = fs::relative(e.path(), root).generic_string();
        key.resize(key.size() - suffix.size());
        if (key.rfind(prefix, 0) == 0) keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

std::string S3World::control(const std::string& method, const std::string& path) const {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(controlPort_));
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentLength(0);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    return body;
}

S3World::Stats S3World::stats() const {
    const auto o = Poco::JSON::Parser().parse(control("GET", "/stats")).extract<Poco::JSON::Object::Ptr>();
    Stats s;
    s.requests = o->getValue<int>("requests");
    s.refused = o->getValue<int>("refused");
    s.inflight = o->getValue<int>("inflight");
    const auto puts = o->getArray("puts");
    for (std::size_t i = 0; i < puts->size(); ++i) s.puts.push_back(puts->getElement<std::string>(static_cast<unsigned>(i)));
    return s;
}

void S3World::cutAfter(long long bytes) { control("POST", "/proxy/cut?after=" + std::to_string(bytes)); }
void S3World::up() { control("POST", "/proxy/up"); }

void S3World::settle() const {
    for (int i = 0; i < 200 && stats().inflight > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

std::vector<std::string> S3World::targetArgs(const fs::path& secretFile, bool viaProxy) const {
    return {"--endpoint", viaProxy ? proxyEndpoint() : endpoint(), "--bucket", bucket, "--path-style",
            "--ca-file", caFile_.string(), "--access-key-id", accessKeyId, "--secret-key-file", secretFile.string()};
}

}  // namespace hub::it
