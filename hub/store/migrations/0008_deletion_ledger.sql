CREATE TABLE deletion_ledger (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL,
    -- anonymise: identifying fields replaced, phones removed, tracking links
    -- voided; clinical counts stay right.
    action TEXT NOT NULL CHECK (action IN ('anonymise')),
    -- The clinic's policy at the time: free-text notes cleared (1) or kept (0).
    clear_notes INTEGER NOT NULL DEFAULT 0 CHECK (clear_notes IN (0, 1)),
    executed_at INTEGER NOT NULL,
    executed_by INTEGER,
    -- The data request that was executed (issue 20's workflow); null for none.
    request_id INTEGER
);
CREATE INDEX deletion_ledger_patient ON deletion_ledger (patient_id);

CREATE TRIGGER deletion_ledger_no_update BEFORE UPDATE ON deletion_ledger
BEGIN
    SELECT RAISE(ABORT, 'the deletion ledger is append-only');
END;
CREATE TRIGGER deletion_ledger_no_delete BEFORE DELETE ON deletion_ledger
BEGIN
    SELECT RAISE(ABORT, 'the deletion ledger is append-only');
END;
