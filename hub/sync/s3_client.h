#pragma once
// An S3 bucket as an ObjectStore: SigV4-signed requests over HTTPS on the
// hub's mbedTLS client (the server verified against the system trust store or
// the target's CA file), path-style or virtual-host addressing, a region, an
// optional bandwidth limit. Objects are sent with one PUT each: the sync keeps
// every object below kMaxObjectBytes, far under S3's 5 GiB single-PUT limit,
// so multipart upload is never needed (docs/sync-format.md).
#include "hub/core/clock.h"
#include "hub/sync/object_store.h"
#include "hub/sync/s3_signer.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace hub::sync {

struct S3Target {
    std::string endpoint;             // "https://s3.eu-central-1.amazonaws.com" (http:// for a LAN MinIO)
    std::string bucket;
    std::string prefix;               // "" or "clinics/shanti/"
    std::string region = "us-east-1";
    bool pathStyle = false;           // https://endpoint/bucket/key instead of https://bucket.endpoint/key
    std::string caFile;               // "" = the system trust store
    S3Credentials credentials;
    std::uint64_t bandwidthLimitBytesPerSecond = 0;  // 0 = no limit
};

// Throws Error(InvalidInput) naming the field when the target cannot work
// (a URL that is not http(s)://host[:port], an empty or invalid bucket name).
void checkTarget(const S3Target& target);

class S3Client final : public ObjectStore {
public:
    // The client signs with clock's time (S3 refuses a skew over 15 minutes).
    // cancel, when set, makes a request in progress give up with
    // SyncError(Cancelled) within a second.
    S3Client(S3Target target, const Clock& clock, const std::atomic<bool>* cancel = nullptr);
    ~S3Client() override;

    void put(const std::string& name, std::string_view body) override;
    std::optional<std::string> get(const std::string& name) override;
    std::vector<StoredObject> list(const std::string& prefix) override;
    void remove(const std::string& name) override;

    // Checks the bucket answers to these credentials (one small list request).
    void probe();

private:
    struct Connection;
    struct Response {
        int status = 0;
        std::string body;
    };
    Response exchange(const std::string& method, const std::string& key,
                      const std::vector<std::pair<std::string, std::string>>& query, std::string_view body);
    Response exchangeOnce(const std::string& method, const std::string& key,
                          const std::vector<std::pair<std::string, std::string>>& query, std::string_view body);
    [[noreturn]] void failWith(const std::string& method, const std::string& key, const Response& response);

    S3Target target_;
    const Clock& clock_;
    const std::atomic<bool>* cancel_;
    std::unique_ptr<Connection> connection_;
};

}  // namespace hub::sync
