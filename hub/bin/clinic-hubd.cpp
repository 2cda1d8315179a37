// clinic-hubd: the Clinic Hub service. Everything lives in hub/app.
#include "hub/app/hub_daemon.h"

int main(int argc, char* argv[]) { return hub::app::runDaemon(argc, argv); }
