-- The job runner's record of each background job's last run (hub/jobs), so
-- `clinic-hub status` (another process) and the admin API (listJobs) can show
-- it, and a daily job knows whether tonight's run already happened after a
-- restart. One row per job, overwritten by each run.
CREATE TABLE job_runs (
    name TEXT PRIMARY KEY,                      -- the job's name, e.g. 'sync'
    started_at INTEGER NOT NULL,                -- the last run's start (unix seconds)
    finished_at INTEGER,                        -- NULL while it runs (or when its process died)
    outcome TEXT NOT NULL
        CHECK (outcome IN ('running', 'succeeded', 'failed', 'cancelled')),
    detail TEXT NOT NULL DEFAULT '',            -- a success's report, a failure's error
    last_success_at INTEGER,                    -- the end of the last run that succeeded
    consecutive_failures INTEGER NOT NULL DEFAULT 0
        CHECK (consecutive_failures >= 0)
);
