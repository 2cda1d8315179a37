-- Stand-in for migration 0011, reserved for the jobs branch (wt-jobs) this
-- round: migrations are numbered without gaps, and this branch's 0012 needs an
-- 0011 to build alone. DROP THIS FILE (and its pin line) when merging wt-jobs.
SELECT 1;
