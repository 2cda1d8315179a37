#include "hub/audit/audit_verifier.h"
#include "hub/cli/command.h"
#include "hub/cli/commands.h"

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

}  // namespace hub::cli
