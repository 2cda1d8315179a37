#pragma once
// Asking the clinic-hubd that serves this box's configuration how it is.
#include "hub/config/config.h"

#include <string>

namespace hub::cli {

// /healthz over TLS on this box, trusting only the hub's own root (PEM).
// Returns the status line to show: "ok, version ..., up N s",
// "degraded, ...", "failing, ..." or "not answering (...)".
std::string probeDaemon(const HubConfig& config, const std::string& rootPem);

// Whether something accepts TCP connections on `port` of this box (the
// address the hub listens on, or loopback for a wildcard), within 2 s.
bool portAnswers(const HubConfig& config, int port);

}  // namespace hub::cli
