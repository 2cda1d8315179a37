#include "hub/jobs/job_admin.h"

#include "hub/service/audited.h"

namespace hub::jobs {

std::vector<JobView> JobAdmin::list(const auth::ActorContext& actor) {
    service::requirePermission(actor, domain::Operation::ListJobs);
    return runner_.list();
}

}  // namespace hub::jobs
