#pragma once
#include <string>

namespace hub::cli {

// The first line of file ("-" is standard input), without its newline. Keeps
// passwords out of argv, where every user of the box could read them.
std::string readPasswordFile(const std::string& file, const std::string& option);

// Asks twice on the terminal without echo; throws UsageError naming option
// when there is no terminal to ask on.
std::string promptNewPassword(const std::string& what, const std::string& option);

bool onTerminal();

}  // namespace hub::cli
