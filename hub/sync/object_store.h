#pragma once
// Where sync objects go: an S3 bucket in production (s3_client.h), memory in
// unit tests and benchmarks. Names are relative to the clinic's place in the
// store (the target's prefix), so a sealed object's name does not change when
// the whole prefix moves.
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::sync {

struct StoredObject {
    std::string name;
    std::uint64_t size = 0;
};

class ObjectStore {
public:
    virtual ~ObjectStore() = default;

    // Stores body under name, replacing what was there. All or nothing: a
    // reader never sees half an object. Throws SyncError.
    virtual void put(const std::string& name, std::string_view body) = 0;
    // The object, or nullopt when there is none. Throws SyncError.
    virtual std::optional<std::string> get(const std::string& name) = 0;
    // Every object whose name starts with prefix, in name order.
    virtual std::vector<StoredObject> list(const std::string& prefix) = 0;
    // Removes name; removing a missing object is not an error.
    virtual void remove(const std::string& name) = 0;

    // Bytes sent in object bodies since the store was made (what a metered link pays for).
    std::uint64_t bytesUploaded() const { return uploaded_.load(); }
    std::uint64_t objectsUploaded() const { return objects_.load(); }

protected:
    void countUpload(std::size_t bytes) {
        uploaded_ += bytes;
        ++objects_;
    }

private:
    std::atomic<std::uint64_t> uploaded_{0};
    std::atomic<std::uint64_t> objects_{0};
};

// In memory, for unit tests and benchmarks. Thread-safe.
class MemoryObjectStore final : public ObjectStore {
public:
    void put(const std::string& name, std::string_view body) override;
    std::optional<std::string> get(const std::string& name) override;
    std::vector<StoredObject> list(const std::string& prefix) override;
    void remove(const std::string& name) override;

    // For tests that damage the cloud copy the way a faulty store would.
    std::map<std::string, std::string>& objects() { return objects_; }

private:
    std::mutex mutex_;
    std::map<std::string, std::string> objects_;
};

}  // namespace hub::sync
