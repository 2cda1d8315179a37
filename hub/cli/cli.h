#pragma once
// clinic-hub: the technician's and admin's command line.
//   clinic-hub init | user add|passwd|disable|enable|list | audit verify | status | demo-data
//              | sync init|now|status|verify|passphrase | restore
// Every subcommand has --help; errors are one line naming the option; exit
// status 0 on success, 1 when the operation failed, 2 for a usage error.

namespace hub::cli {

int runCli(int argc, const char* const argv[]);

}  // namespace hub::cli
