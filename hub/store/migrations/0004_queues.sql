CREATE TABLE token_counters (
    scope TEXT NOT NULL,                              -- doctor id as text, or 'shared'
    clinic_day TEXT NOT NULL,                         -- "2026-11-24" in the clinic's timezone
    last_number INTEGER NOT NULL,
    PRIMARY KEY (scope, clinic_day)
);

CREATE TABLE tokens (
    id INTEGER PRIMARY KEY,
    doctor_id INTEGER NOT NULL REFERENCES doctors (staff_id),
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    clinic_day TEXT NOT NULL,
    number INTEGER NOT NULL,
    label TEXT NOT NULL,                              -- "A-007"
    state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'in_consultation', 'done', 'skipped',
                                          'cancelled', 'transferred')),
    priority TEXT NOT NULL DEFAULT 'normal'
        CHECK (priority IN ('normal', 'emergency', 'elderly', 'pregnant', 'disabled')),
    queued_at INTEGER NOT NULL,                       -- place in the queue; kept across transfers
    checked_in_at INTEGER NOT NULL,
    called_at INTEGER,
    started_at INTEGER,
    finished_at INTEGER,
    recall_count INTEGER NOT NULL DEFAULT 0,
    transferred_from INTEGER REFERENCES tokens (id),
    transferred_to INTEGER REFERENCES tokens (id),
    -- Unguessable id for the patient's tracking link (issue 4); null until issued.
    tracking_code TEXT UNIQUE,
    created_by INTEGER REFERENCES staff (id),
    UNIQUE (doctor_id, clinic_day, number)
);
-- finished_at last: a queue operation reads the live tokens and the doctor's
-- latest consultations (for the wait estimate) without touching the rest of the day.
CREATE INDEX tokens_queue ON tokens (doctor_id, clinic_day, state, finished_at);
CREATE INDEX tokens_patient ON tokens (patient_id);
-- At most one patient in consultation per doctor, whatever the code does.
CREATE UNIQUE INDEX tokens_one_in_consultation ON tokens (doctor_id) WHERE state = 'in_consultation';

-- Vitals a nurse records while the patient waits, or the doctor during the visit.
CREATE TABLE vitals (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    token_id INTEGER REFERENCES tokens (id),
    recorded_at INTEGER NOT NULL,
    recorded_by INTEGER REFERENCES staff (id),
    bp_systolic INTEGER,
    bp_diastolic INTEGER,
    pulse INTEGER,
    temperature_f REAL,
    weight_kg REAL,
    height_cm REAL,
    spo2 INTEGER,
    blood_glucose_mmol_l REAL
);
CREATE INDEX vitals_patient ON vitals (patient_id, recorded_at);
CREATE INDEX vitals_token ON vitals (token_id);
