#pragma once
// exportClinic's answer: the whole clinic's tar archive sent as it is written,
// from a thread of its own, over the connection the server hands over (the
// body lasts until the connection closes). Memory stays bounded whatever the
// number of patients, and no request worker is held while the archive flows.
// At most one clinic export runs at a time; the destructor stops a running one
// and waits for its thread, so it must be destroyed before the services.
#include "hub/net/http_message.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace hub::api {

class ClinicExportStreams {
public:
    ClinicExportStreams() = default;
    ~ClinicExportStreams();
    ClinicExportStreams(const ClinicExportStreams&) = delete;
    ClinicExportStreams& operator=(const ClinicExportStreams&) = delete;

    // Reserves the one export; false while another runs.
    bool reserve();
    // Sends head, then whatever body(out) writes, then closes. REQUIRES: a
    // successful reserve(). Errors end the connection (the client sees a
    // truncated archive: the tar's end blocks are missing) and are logged.
    void start(net::DetachedConnection connection, std::string head, std::function<void(std::ostream&)> body);

private:
    std::mutex mutex_;
    bool busy_ = false;  // REQUIRES: mutex_
    std::thread thread_;  // REQUIRES: mutex_
    std::atomic<bool> stopping_{false};
};

}  // namespace hub::api
