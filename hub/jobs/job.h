#pragma once
// A background job: a name, a schedule in the clinic's timezone and the work.
// The work runs on the job runner's thread (or the CLI's, for an on-demand run
// from the command line), returns a one-line report of what it did, and throws
// to fail; it checks the cancel token between steps of a long piece of work.
#include "hub/jobs/cancel_token.h"
#include "hub/jobs/job_schedule.h"

#include <functional>
#include <string>

namespace hub::jobs {

struct Job {
    std::string name;         // stable, lower-case words with '-': "sync", "certificate-renewal"
    std::string description;  // for the admin: what it does
    // Asked before each decision, so a changed setting (the sync's window) applies at once.
    std::function<Schedule()> schedule;
    std::function<std::string(const CancelToken&)> run;
};

}  // namespace hub::jobs
