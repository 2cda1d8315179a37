#pragma once
// A real S3 implementation on loopback for the sync tests (tests/s3/s3world.mjs):
// s3rver behind a front that re-checks every request's SigV4 signature with
// AWS's own signer, and a fault proxy that can cut the connection mid-upload.
//
//   S3World world(temp / "world");          // starts node, waits for its ports
//   dir.cli(world.syncInitArgs(...));        // clinic-hub sync init against it
//   world.stats().puts                       // object names the front let through
//   world.cutAfter(2'000'000); world.up();   // the cable pulled, and back
//
// Only the test's own node process is ever signalled (by pid).
#include "child_process.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hub::it {

// Why the S3 tests cannot run here (no node, or `npm ci` never ran in tests/s3), or nullopt.
std::optional<std::string> s3WorldUnavailable();

class S3World {
public:
    static constexpr const char* bucket = "clinic-bucket";
    static constexpr const char* accessKeyId = "AKIDCLINICTEST";
    static constexpr const char* secretKey = "clinic-test-secret-key/0123456789";

    explicit S3World(const std::filesystem::path& dir);
    ~S3World();
    S3World(const S3World&) = delete;
    S3World& operator=(const S3World&) = delete;

    // https://localhost:<port> straight to the front, or through the fault proxy.
    std::string endpoint() const;
    std::string proxyEndpoint() const;
    std::filesystem::path caFile() const { return caFile_; }
    // Where s3rver keeps an object's bytes, to damage or remove it as a faulty store would.
    std::filesystem::path objectFile(const std::string& key) const;
    std::vector<std::string> objectKeys(const std::string& prefix = "") const;

    struct Stats {
        int requests = 0;
        int refused = 0;                // signatures (or bodies) the front refused
        int inflight = 0;               // requests s3rver has not answered yet
        std::vector<std::string> puts;  // keys, in order
    };
    Stats stats() const;
    void cutAfter(long long bytes);  // arm the proxy: cut once the client has sent this many bytes, then stay down
    void up();                       // the network is back
    // Waits until s3rver has answered everything the front passed on. s3rver
    // writes an object in place, so two PUTs of one key at once (a killed
    // client's last one still being stored, and its successor's) can mix;
    // S3 itself replaces objects atomically.
    void settle() const;

    // `sync init` / `restore` options for this store: endpoint, bucket, path style, CA, key id, secret file.
    std::vector<std::string> targetArgs(const std::filesystem::path& secretFile, bool viaProxy = false) const;

private:
    std::string control(const std::string& method, const std::string& path) const;

    std::filesystem::path dir_;
    std::unique_ptr<ChildProcess> node_;
    int s3Port_ = 0, proxyPort_ = 0, controlPort_ = 0;
    std::filesystem::path caFile_;
};

}  // namespace hub::it
