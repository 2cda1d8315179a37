#pragma once
// One function per subcommand; each returns the process exit status.
#include <string>
#include <vector>

namespace hub::cli {

using Args = std::vector<std::string>;

int initCommand(const Args& args);
int userCommand(const std::string& verb, const Args& args);  // add, passwd, disable, enable, unlock, list
int auditVerifyCommand(const Args& args);
int auditSearchHashCommand(const Args& args);
int statusCommand(const Args& args);
int demoDataCommand(const Args& args);
int syncCommand(const std::string& verb, const Args& args);  // init, now, status, verify, passphrase
int restoreCommand(const Args& args);
int snapshotCommand(const Args& args);         // a checked local copy of the database
int restoreSnapshotCommand(const Args& args);  // puts one back
int doctorCommand(const Args& args);           // checks the box, ok / warn / fail

}  // namespace hub::cli
