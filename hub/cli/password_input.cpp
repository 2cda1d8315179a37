#include "hub/cli/password_input.h"

#include "hub/cli/command.h"

#include <fstream>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace hub::cli {

std::string readPasswordFile(const std::string& file, const std::string& option) {
    std::string line;
    if (file == "-") {
        std::getline(std::cin, line);
    } else {
        std::ifstream in(file);
        if (!in) throw UsageError("--" + option + ": cannot read '" + file + "'");
        std::getline(in, line);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) throw UsageError("--" + option + ": '" + file + "' has no password on its first line");
    return line;
}

bool onTerminal() { return isatty(STDIN_FILENO) && isatty(STDERR_FILENO); }

namespace {

std::string askHidden(const std::string& prompt) {
    std::cerr << prompt << std::flush;
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::string line;
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
    return line;
}

}  // namespace

std::string promptNewPassword(const std::string& what, const std::string& option) {
    if (!onTerminal()) throw UsageError("--" + option + " is required when not run on a terminal");
    const std::string first = askHidden("New password for " + what + ": ");
    const std::string second = askHidden("Repeat it: ");
    if (first != second) throw UsageError("the two passwords differ; nothing was changed");
    return first;
}

}  // namespace hub::cli
