#include "hub/audit/audit_verifier.h"
#include "hub/audit/keyed_hash.h"
#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/opd/patient_service.h"

#include <iostream>

namespace hub::cli {

int auditVerifyCommand(const Args& args) {
    Command cmd{"audit verify",
                "Check the audit trail's hash chain. Exits 1 and names the first edited, deleted, reordered or "
                "inserted event if the chain is broken.",
                boost::program_options::options_description("Audit verify"), true};
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    auto db = openDatabase(dataDirectory(*vm));
    const auto report = audit::verifyAuditChain(*db);
    if (!report.ok) {
        std::cout << "audit trail BROKEN: " << report.message << "\n";
        return 1;
    }
    std::cout << "audit trail intact: " << report.eventsChecked << " events; newest is #" << report.headId
              << " with hash " << report.headHash << "\n"
              << "(note the newest id and hash: a later check showing fewer events means events were cut off)\n";
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
