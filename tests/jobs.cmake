# The job runner (issue 15): schedules in the clinic's timezone, one run at a
# time across processes, cancellation at shutdown, runs recorded in the database.
clinic_hub_test(jobs_tests
  SOURCES unit/job_schedule_test.cpp unit/job_runner_test.cpp
  DEPS hub_jobs hub_store
  LABELS unit)
