#include "hub/audit/audit_verifier.h"

#include "hub/audit/audit_log.h"
#include "hub/store/audit_repository.h"

namespace hub::audit {
namespace {

std::string id(long long v) { return std::to_string(v); }

void fail(ChainReport& report, ChainProblem problem, long long badId, std::string message) {
    report.ok = false;
    report.problem = problem;
    report.firstBadEventId = badId;
    report.message = std::move(message);
}

// Names what happened at event r, which does not link to the last sound event
// (lastId, whose hash is expectedPrev). Runs two full scans, so only on failure.
void diagnoseBrokenLink(store::AuditRepository& repo, const store::AuditRecord& r, bool contentSound, long long lastId,
                        const std::string& expectedPrev, ChainReport& report) {
    const auto claimedPredecessor = repo.findIdByHash(r.prevHash);
    const auto trueSuccessor = repo.findIdByPrevHash(expectedPrev, r.id);
    if (claimedPredecessor && *claimedPredecessor > r.id) {
        return fail(report, ChainProblem::Reordered, r.id,
                    "event " + id(r.id) + " is out of order: in the chain it follows event " +
                        id(*claimedPredecessor));
    }
    if (claimedPredecessor && *claimedPredecessor < lastId) {
        return fail(report, ChainProblem::Inserted, *claimedPredecessor + 1,
                    "events " + id(*claimedPredecessor + 1) + " to " + id(lastId) +
                        " were inserted: event " + id(r.id) + " follows event " + id(*claimedPredecessor));
    }
    if (!claimedPredecessor && trueSuccessor && *trueSuccessor > r.id) {
        return fail(report, ChainProblem::Inserted, r.id,
                    "event " + id(r.id) + " is not part of the chain, which continues at event " +
                        id(*trueSuccessor));
    }
    if (!claimedPredecessor && !trueSuccessor && r.id > lastId + 1) {
        return fail(report, ChainProblem::Deleted, r.id,
                    "events after " + id(lastId) + " were deleted (gap before id " + id(r.id) + ")");
    }
    fail(report, ChainProblem::Edited, r.id,
         "event " + id(r.id) + " does not follow event " + id(lastId) + ": one of them was edited" +
             (contentSound ? " and its hash recomputed, or event " + id(r.id) + " was inserted" : ""));
}

}  // namespace

std::string_view problemName(ChainProblem problem) {
    switch (problem) {
        case ChainProblem::None: return "none";
        case ChainProblem::Edited: return "edited";
        case ChainProblem::Deleted: return "deleted";
        case ChainProblem::Reordered: return "reordered";
        case ChainProblem::Inserted: return "inserted";
    }
    return "unknown";
}

ChainReport verifyAuditChain(store::Database& db) {
    return db.read([](store::Connection& c) {
        store::AuditRepository repo(c);
        ChainReport report;
        std::string expectedPrev = genesisHash();
        long long lastId = 0;

        repo.forEachInIdOrder([&](const store::AuditRecord& r) {
            const bool contentSound = eventHash(r) == r.hash;
            const bool linked = r.prevHash == expectedPrev;
            if (contentSound && linked && r.id == lastId + 1) {
                ++report.eventsChecked;
                lastId = r.id;
                expectedPrev = r.hash;
                return true;
            }
            if (contentSound && linked) {
                // Sound and linked but with an id gap: the newest events were
                // deleted and the hub has appended since (it never reuses ids).
                fail(report, ChainProblem::Deleted, r.id,
                     "events after " + id(lastId) + " were deleted (gap before id " + id(r.id) + ")");
            } else if (linked) {
                fail(report, ChainProblem::Edited, r.id,
                     "event " + id(r.id) + " was edited: its content does not match its hash");
            } else {
                diagnoseBrokenLink(repo, r, contentSound, lastId, expectedPrev, report);
            }
            return false;
        });

        if (report.ok) {
            const store::AuditChainTail tail = repo.tail();
            if (tail.highestIdUsed > lastId) {
                fail(report, ChainProblem::Deleted, lastId + 1,
                     "the newest events were deleted: ids up to " + id(tail.highestIdUsed) +
                         " were written but the trail ends at " + id(lastId));
            } else {
                report.message = id(report.eventsChecked) + " events, chain intact";
            }
        }
        report.headId = lastId;
        report.headHash = lastId == 0 ? genesisHash() : expectedPrev;
        return report;
    });
}

}  // namespace hub::audit
