// clinic-hub: the admin command line. Everything lives in hub/cli.
#include "hub/cli/cli.h"

int main(int argc, char* argv[]) { return hub::cli::runCli(argc, argv); }
