#pragma once
// The job runner as an admin sees it through the API (listJobs): the role
// checked again behind the router's.
#include "hub/auth/actor.h"
#include "hub/jobs/job_runner.h"

namespace hub::jobs {

class JobAdmin {
public:
    explicit JobAdmin(JobRunner& runner) : runner_(runner) {}

    std::vector<JobView> list(const auth::ActorContext& actor);

private:
    JobRunner& runner_;
};

}  // namespace hub::jobs
