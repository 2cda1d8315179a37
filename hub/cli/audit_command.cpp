#include "hub/audit/audit_verifier.h"
#include "hub/audit/keyed_hash.h"
#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/opd/patient_service.h"
#include "hub/sync/cloud_verify.h"
#include "hub/sync/sync_service.h"
#include "hub/tls/x509_certificate.h"

#include <iostream>

namespace hub::cli {

namespace {

// The restore points' signed anchors against the local trail: catches the
// newest events cut off, or the trail rewritten with its hashes recomputed,
// after a restore point was made.
int verifyAgainstCloud(const std::filesystem::path& dataDir, store::Database& db) {
    SystemClock clock;
    const sync::SyncPaths paths{dataDir};
    const auto settings = sync::loadSettings(paths);
    if (!settings) throw UsageError("--against-cloud: cloud sync is not set up on this hub (clinic-hub sync init)");
    const auto keys = sync::loadLocalKeys(paths);
    sync::S3Client store(settings->target, clock);
    const auto report =
        sync::checkAuditAgainstCloud(store, keys.key, tls::readTextFile(paths.tlsDir() / "ca.crt"), db);
    for (const auto& problem : report.problems) std::cout << "audit trail BROKEN: " << problem << "\n";
    std::cout << "checked against " << report.anchorsChecked << " restore points in the cloud copy"
              << (report.anchorsSkipped ? " (" + std::to_string(report.anchorsSkipped) +
                                              " of a history a restore abandoned skipped)"
                                        : "")
              << ": " << (report.ok() ? "every anchor matches" : "the trail does NOT match") << "\n";
    return report.ok() ? 0 : 1;
}

}  // namespace

int auditVerifyCommand(const Args& args) {
    Command cmd{"audit verify",
                "Check the audit trail's hash chain. Exits 1 and names the first edited, deleted, reordered or "
                "inserted event if the chain is broken.",
                boost::program_options::options_description("Audit verify"), true};
    cmd.options.add_options()("against-cloud", boost::program_options::bool_switch(),
                              "also compare the trail with the signed anchors in the sync's restore points, which "
                              "catch a trail cut short or rewritten after a restore point");
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const auto dataDir = dataDirectory(*vm);
    auto db = openDatabase(dataDir);
    const auto report = audit::verifyAuditChain(*db);
    if (!report.ok) {
        std::cout << "audit trail BROKEN: " << report.message << "\n";
        return 1;
    }
    std::cout << "audit trail intact: " << report.eventsChecked << " events; newest is #" << report.headId
              << " with hash " << report.headHash << "\n";
    if ((*vm)["against-cloud"].as<bool>()) return verifyAgainstCloud(dataDir, *db);
    std::cout << "(note the newest id and hash: a later check showing fewer events means events were cut off)\n";
    return 0;
}

int auditSearchHashCommand(const Args& args) {
    Command cmd{"audit search-hash",
                "Print the hash that a patient search for QUERY left in the audit trail (a patient.search event's "
                "'query hmac-sha256'), to check whether someone searched for it. Spaces, letter case and the "
                "punctuation of a phone number do not matter.",
                boost::program_options::options_description("Audit search-hash"), true};
    cmd.options.add_options()("query", boost::program_options::value<std::string>(),
                              "the name, phone number or record number to look for");
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const std::string query = requiredOption(*vm, "query");
    const auto dataDir = dataDirectory(*vm);
    becomeOwnerOf(dataDir);  // the key is the service user's, mode 0600
    const auto hasher = audit::KeyedHasher::load(dataDir);
    std::cout << opd::searchQueryHash(hasher, query) << "\n";
    return 0;
}

}  // namespace hub::cli
