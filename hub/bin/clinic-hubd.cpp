// clinic-hubd: the Clinic Hub service. Everything lives in hub/app.
#include "hub/app/hub_daemon.h"

#include <malloc.h>

int main(int argc, char* argv[]) {
    // Keep large allocations (argon2id's 19 MiB per sign-in) in mmap: otherwise
    // glibc raises its threshold after the first one and every sign-in leaves
    // 19 MiB resident in some thread's arena.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    return hub::app::runDaemon(argc, argv);
}
