-- A username or client address that used up its sign-in attempts. Kept here
-- so that a restart (even after an out-of-memory kill) does not forget it and
-- so that 'clinic-hub user unlock', another process, can lift it: the daemon
-- checks this table before refusing a locked key.
CREATE TABLE login_lockouts (
    kind TEXT NOT NULL CHECK (kind IN ('account', 'address')),
    key TEXT NOT NULL,
    locked_at INTEGER NOT NULL,
    locked_until INTEGER NOT NULL,
    failures INTEGER NOT NULL,
    last_address TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, key)
);

-- Every change of a patient's allergies or chronic-condition tags: who, when,
-- the value before and after. Read by doctors (getPatientClinicalHistory).
-- chronic_conditions values are the tag codes, one per line.
CREATE TABLE patient_clinical_history (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    field TEXT NOT NULL CHECK (field IN ('allergies', 'chronic_conditions')),
    changed_at INTEGER NOT NULL,
    changed_by INTEGER REFERENCES staff (id),
    changed_by_username TEXT NOT NULL,
    changed_by_role TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL
);
CREATE INDEX patient_clinical_history_patient ON patient_clinical_history (patient_id, id);
