#pragma once
// mbedTLS has no public "was this session resumed?" query. The server learns it from
// its own ticket-parse and cache-get callbacks, which run inside mbedtls_ssl_handshake
// on the thread driving that handshake: the socket points this thread-local flag at
// its own bool for the duration of the call, and the callbacks set it on a hit.
namespace hub::tls::detail {

inline thread_local bool* resumedSignal = nullptr;

inline void noteSessionResumed() {
    if (resumedSignal != nullptr) *resumedSignal = true;
}

// Points the signal at `flag` for one scope.
class ResumptionWatch {
public:
    explicit ResumptionWatch(bool& flag) : previous_(resumedSignal) { resumedSignal = &flag; }
    ~ResumptionWatch() { resumedSignal = previous_; }
    ResumptionWatch(const ResumptionWatch&) = delete;
    ResumptionWatch& operator=(const ResumptionWatch&) = delete;

private:
    bool* previous_;
};

}  // namespace hub::tls::detail
