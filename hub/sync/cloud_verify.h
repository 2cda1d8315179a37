#pragma once
// Checking the cloud copy end to end without restoring it (`clinic-hub sync
// verify`), and checking the local audit trail against the anchors the restore
// points hold (`clinic-hub audit verify --against-cloud`).
#include "hub/store/database.h"
#include "hub/sync/object_store.h"
#include "hub/sync/sealed_object.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hub::sync {

struct VerifyReport {
    std::vector<std::uint64_t> points;    // restore points found
    std::uint64_t objectsChecked = 0;     // distinct objects downloaded and authenticated
    std::uint64_t bytesChecked = 0;
    std::vector<std::string> problems;    // one line per missing or damaged object, naming it
    bool ok() const { return problems.empty() && !points.empty(); }
};

// Downloads every object every restore point needs, once, and authenticates
// it; checks each point's chain and its anchor's signature against
// rootCertificatePem. Never stops at the first problem.
VerifyReport verifyCloudCopy(ObjectStore& store, const DataKey& key, const std::string& rootCertificatePem);

struct AnchorReport {
    std::size_t anchorsChecked = 0;
    std::size_t anchorsSkipped = 0;     // points of a history abandoned by a restore
    std::vector<std::string> problems;  // truncation or rewriting, one line each
    bool ok() const { return problems.empty(); }
};

// For every restore point of the current history: its anchor is signed by the
// hub's root, and the local trail still holds that event with that hash.
AnchorReport checkAuditAgainstCloud(ObjectStore& store, const DataKey& key, const std::string& rootCertificatePem,
                                    store::Database& db);

}  // namespace hub::sync
