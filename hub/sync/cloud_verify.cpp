#include "hub/sync/cloud_verify.h"

#include "hub/store/audit_repository.h"
#include "hub/sync/cloud_copy.h"
#include "hub/sync/layout.h"
#include "hub/sync/restore_point.h"
#include "hub/sync/sync_error.h"
#include "hub/tls/signature.h"

#include <map>
#include <set>

namespace hub::sync {
namespace {

ObjectKind kindFor(const RestorePoint& p, const ObjectRef& ref) {
    if (ref == p.files) return ObjectKind::Files;
    if (ref == p.ledger) return ObjectKind::Ledger;
    for (const auto& link : p.chain)
        for (const auto& part : link.parts)
            if (part == ref) return link.kind == ChainLink::Kind::Full ? ObjectKind::SnapshotPart : ObjectKind::ChangesetPart;
    return ObjectKind::SnapshotPart;
}

bool anchorSigned(const RestorePoint& p, const std::string& rootPem) {
    return tls::verifySignature(rootPem, anchorMessage(p.generation, p.sequence, p.anchor.headId, p.anchor.headHash),
                                p.anchor.signature);
}

}  // namespace

VerifyReport verifyCloudCopy(ObjectStore& store, const DataKey& key, const std::string& rootPem) {
    VerifyReport report;
    std::set<std::string> checked;
    report.points = listRestorePoints(store);
    if (report.points.empty()) report.problems.push_back("the cloud copy holds no restore point");
    for (const auto seq : report.points) {
        RestorePoint point;
        try {
            point = fetchRestorePoint(store, key, seq);
        } catch (const SyncError& e) {
            report.problems.push_back(e.what());
            continue;
        }
        if (!anchorSigned(point, rootPem))
            report.problems.push_back("restore point " + layout::pointName(seq) +
                                      ": its audit anchor is not signed by this hub's root key");
        for (const auto& ref : point.objects()) {
            if (!checked.insert(ref.name).second) continue;
            try {
                getSealed(store, key, kindFor(point, ref), ref);
                ++report.objectsChecked;
                report.bytesChecked += ref.size;
            } catch (const SyncError& e) {
                report.problems.push_back(std::string(e.what()) + " (needed by restore point " + std::to_string(seq) + ")");
            }
        }
    }
    return report;
}

AnchorReport checkAuditAgainstCloud(ObjectStore& store, const DataKey& key, const std::string& rootPem,
                                    store::Database& db) {
    AnchorReport report;
    const auto owner = fetchGeneration(store, key);
    for (const auto seq : listRestorePoints(store)) {
        const RestorePoint point = fetchRestorePoint(store, key, seq);
        // A restore from point N abandoned the history after N: its anchors
        // describe events this box never had.
        if (owner && point.generation != owner->generation && owner->restoredFrom != 0 && seq > owner->restoredFrom) {
            ++report.anchorsSkipped;
            continue;
        }
        ++report.anchorsChecked;
        if (!anchorSigned(point, rootPem)) {
            report.problems.push_back("restore point " + std::to_string(seq) +
                                      ": its audit anchor is not signed by this hub's root key");
            continue;
        }
        if (point.anchor.headId == 0) continue;
        const auto [localHash, localHead] = db.read([&](store::Connection& c) {
            store::AuditRepository repo(c);
            return std::make_pair(repo.hashOf(point.anchor.headId), repo.tail().lastId);
        });
        if (!localHash)
            report.problems.push_back("the audit trail was cut short: restore point " + std::to_string(seq) +
                                      " recorded event #" + std::to_string(point.anchor.headId) +
                                      ", but the trail here ends at event #" + std::to_string(localHead));
        else if (*localHash != point.anchor.headHash)
            report.problems.push_back("the audit trail was rewritten: event #" + std::to_string(point.anchor.headId) +
                                      " no longer has the hash restore point " + std::to_string(seq) + " recorded");
    }
    return report;
}

}  // namespace hub::sync
