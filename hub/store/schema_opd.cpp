#include "hub/store/schema_opd.h"

// The OPD day's tables (migrations 2-5). Conventions as in migration 1: times
// are unix seconds, every table has a PRIMARY KEY (the nightly sync's session
// extension sees only such tables), and SQL constraints back the domain rules
// that must never be broken by any code path.
namespace hub::store::schema {

// Migration 2: the clinic's profile and letterhead, doctors' profiles, and the
// clinic-editable list of chronic conditions.
const std::string_view clinicProfile = R"sql(
ALTER TABLE clinic ADD COLUMN name_bn TEXT NOT NULL DEFAULT '';
ALTER TABLE clinic ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE clinic ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE clinic ADD COLUMN email TEXT NOT NULL DEFAULT '';
-- ISO 3166 region whose local phone formats reception types ('BD' or 'IN').
ALTER TABLE clinic ADD COLUMN country TEXT NOT NULL DEFAULT 'BD';
-- Comma-separated, from en, bn, hi.
ALTER TABLE clinic ADD COLUMN languages TEXT NOT NULL DEFAULT 'en,bn';
ALTER TABLE clinic ADD COLUMN letterhead_tagline TEXT NOT NULL DEFAULT '';
ALTER TABLE clinic ADD COLUMN letterhead_footer TEXT NOT NULL DEFAULT '';
ALTER TABLE clinic ADD COLUMN registration_number TEXT NOT NULL DEFAULT '';
-- per_doctor: each doctor's tokens run A-001, A-002 ...; shared: one sequence.
ALTER TABLE clinic ADD COLUMN token_numbering TEXT NOT NULL DEFAULT 'per_doctor'
    CHECK (token_numbering IN ('per_doctor', 'shared'));
ALTER TABLE clinic ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

CREATE TABLE doctors (
    staff_id INTEGER PRIMARY KEY REFERENCES staff (id),
    name_en TEXT NOT NULL,
    name_bn TEXT NOT NULL DEFAULT '',
    qualifications TEXT NOT NULL DEFAULT '',          -- "MBBS, FCPS (Medicine)"
    registration_number TEXT NOT NULL DEFAULT '',     -- BMDC / NMC number
    specialty TEXT NOT NULL DEFAULT '',
    room TEXT NOT NULL DEFAULT '',
    token_prefix TEXT NOT NULL UNIQUE,                -- "A"
    consultation_fee INTEGER NOT NULL DEFAULT 0 CHECK (consultation_fee >= 0),  -- whole taka/rupees
    schedule TEXT NOT NULL DEFAULT '',                -- "Sat-Thu 17:00-21:00", shown to patients
    updated_at INTEGER NOT NULL
);

CREATE TABLE chronic_conditions (
    code TEXT PRIMARY KEY,                            -- "diabetes"
    label_en TEXT NOT NULL,
    label_bn TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO chronic_conditions (code, label_en, label_bn, position) VALUES
    ('diabetes', 'Diabetes', 'ডায়াবেটিস', 1),
    ('hypertension', 'Hypertension', 'উচ্চ রক্তচাপ', 2),
    ('asthma', 'Asthma', 'হাঁপানি', 3),
    ('copd', 'COPD', 'সিওপিডি', 4),
    ('ckd', 'Chronic kidney disease', 'কিডনি রোগ', 5),
    ('heart_disease', 'Heart disease', 'হৃদরোগ', 6),
    ('thyroid', 'Thyroid disorder', 'থাইরয়েড', 7),
    ('epilepsy', 'Epilepsy', 'মৃগী', 8),
    ('pregnancy', 'Pregnancy', 'গর্ভাবস্থা', 9),
    ('tuberculosis', 'Tuberculosis', 'যক্ষ্মা', 10),
    ('arthritis', 'Arthritis', 'বাত', 11),
    ('depression', 'Depression', 'বিষণ্ণতা', 12);
)sql";

// Migration 3: patients, their phones and conditions, record numbers, and the
// name index. Names are matched by substring in any script with FTS5's trigram
// tokenizer (Bangla included); the index is an external-content table kept in
// step by triggers and can be rebuilt from patients at any time.
const std::string_view patients = R"sql(
CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    mrn TEXT NOT NULL UNIQUE,                         -- "26-000123"
    name TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other')),
    birth_date TEXT,                                  -- "YYYY-MM-DD"
    birth_date_approximate INTEGER NOT NULL DEFAULT 0 CHECK (birth_date_approximate IN (0, 1)),
    address TEXT NOT NULL DEFAULT '',
    guardian TEXT NOT NULL DEFAULT '',
    blood_group TEXT NOT NULL DEFAULT ''
        CHECK (blood_group IN ('', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-')),
    allergies TEXT NOT NULL DEFAULT '',
    consent_sms INTEGER NOT NULL DEFAULT 0 CHECK (consent_sms IN (0, 1)),
    consent_whatsapp INTEGER NOT NULL DEFAULT 0 CHECK (consent_whatsapp IN (0, 1)),
    consent_updated_at INTEGER,
    preferred_language TEXT NOT NULL DEFAULT 'bn' CHECK (preferred_language IN ('en', 'bn', 'hi')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES staff (id)
);
-- NOCASE so that a 1-2 letter name search (shorter than a trigram) is an index range.
CREATE INDEX patients_name ON patients (name COLLATE NOCASE);

-- digits_reversed lets "last digits" searches use an index: '%5678' becomes
-- the prefix match '8765%'.
CREATE TABLE patient_phones (
    patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    e164 TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    digits_reversed TEXT NOT NULL,
    PRIMARY KEY (patient_id, e164)
);
CREATE INDEX patient_phones_e164 ON patient_phones (e164);
CREATE INDEX patient_phones_reversed ON patient_phones (digits_reversed);

CREATE TABLE patient_conditions (
    patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    code TEXT NOT NULL REFERENCES chronic_conditions (code),
    PRIMARY KEY (patient_id, code)
);

-- Record numbers run per registration year: 26-000001, 26-000002 ...
CREATE TABLE mrn_counters (
    year INTEGER PRIMARY KEY,
    last_serial INTEGER NOT NULL
);

CREATE VIRTUAL TABLE patients_name_index USING fts5 (
    name, content = 'patients', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER patients_index_insert AFTER INSERT ON patients BEGIN
    INSERT INTO patients_name_index (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER patients_index_delete AFTER DELETE ON patients BEGIN
    INSERT INTO patients_name_index (patients_name_index, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER patients_index_update AFTER UPDATE OF name ON patients BEGIN
    INSERT INTO patients_name_index (patients_name_index, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO patients_name_index (rowid, name) VALUES (new.id, new.name);
END;
)sql";

// Migration 4: token queues. One row per token; the per-day counters make
// numbering a single UPDATE inside the writer's transaction, so two
// receptionists can never draw the same number.
const std::string_view queues = R"sql(
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
)sql";

// Migration 5: visits, prescriptions, amendments, the formulary and templates.
const std::string_view visits = R"sql(
CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    doctor_id INTEGER NOT NULL REFERENCES doctors (staff_id),
    token_id INTEGER UNIQUE REFERENCES tokens (id),
    vitals_id INTEGER REFERENCES vitals (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'finalized')),
    complaints TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    investigations TEXT NOT NULL DEFAULT '',
    advice TEXT NOT NULL DEFAULT '',
    follow_up_date TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    finalized_at INTEGER
);
CREATE INDEX visits_patient ON visits (patient_id, created_at);
CREATE INDEX visits_doctor ON visits (doctor_id, created_at);

CREATE TABLE visit_diagnoses (
    visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    icd10 TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (visit_id, position)
);

CREATE TABLE prescription_items (
    visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    drug TEXT NOT NULL,
    strength TEXT NOT NULL DEFAULT '',
    form TEXT NOT NULL DEFAULT '',
    dose TEXT NOT NULL,
    timing TEXT NOT NULL DEFAULT 'any'
        CHECK (timing IN ('any', 'before_meal', 'after_meal', 'with_meal', 'empty_stomach', 'bedtime')),
    duration TEXT NOT NULL,
    instructions TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (visit_id, position)
);

-- A finalized visit never changes in place: each amendment keeps the content
-- as it was before (JSON, as served by the API), who changed it, when and why.
CREATE TABLE visit_amendments (
    id INTEGER PRIMARY KEY,
    visit_id INTEGER NOT NULL REFERENCES visits (id),
    amended_at INTEGER NOT NULL,
    amended_by INTEGER NOT NULL REFERENCES staff (id),
    reason TEXT NOT NULL,
    previous_content TEXT NOT NULL
);
CREATE INDEX visit_amendments_visit ON visit_amendments (visit_id);

-- NOCASE on the columns themselves lets "name LIKE 'para%'" use the indexes
-- (SQLite's LIKE optimisation needs the column's collation to match). LIKE
-- folds ASCII case only; Bangla has no case and is matched byte for byte.
CREATE TABLE drugs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE,                -- brand or generic as prescribed
    generic_name TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    strength TEXT NOT NULL DEFAULT '',
    form TEXT NOT NULL DEFAULT '',
    UNIQUE (name, strength, form)
);
CREATE INDEX drugs_name ON drugs (name);
CREATE INDEX drugs_generic ON drugs (generic_name);

-- The starting formulary: generics as commonly prescribed in Bangladesh and
-- India. Clinics add their own brands.
INSERT INTO drugs (name, generic_name, strength, form) VALUES
    ('Paracetamol', 'Paracetamol', '500 mg', 'tablet'),
    ('Paracetamol', 'Paracetamol', '120 mg/5 ml', 'syrup'),
    ('Paracetamol', 'Paracetamol', '80 mg', 'suppository'),
    ('Ibuprofen', 'Ibuprofen', '400 mg', 'tablet'),
    ('Diclofenac', 'Diclofenac sodium', '50 mg', 'tablet'),
    ('Naproxen', 'Naproxen', '500 mg', 'tablet'),
    ('Aceclofenac', 'Aceclofenac', '100 mg', 'tablet'),
    ('Tramadol', 'Tramadol', '50 mg', 'capsule'),
    ('Omeprazole', 'Omeprazole', '20 mg', 'capsule'),
    ('Esomeprazole', 'Esomeprazole', '20 mg', 'tablet'),
    ('Esomeprazole', 'Esomeprazole', '40 mg', 'tablet'),
    ('Pantoprazole', 'Pantoprazole', '40 mg', 'tablet'),
    ('Rabeprazole', 'Rabeprazole', '20 mg', 'tablet'),
    ('Ranitidine', 'Ranitidine', '150 mg', 'tablet'),
    ('Famotidine', 'Famotidine', '20 mg', 'tablet'),
    ('Antacid', 'Aluminium hydroxide + Magnesium hydroxide', '', 'suspension'),
    ('Domperidone', 'Domperidone', '10 mg', 'tablet'),
    ('Ondansetron', 'Ondansetron', '8 mg', 'tablet'),
    ('Metronidazole', 'Metronidazole', '400 mg', 'tablet'),
    ('ORS', 'Oral rehydration salts', '', 'sachet'),
    ('Zinc', 'Zinc sulphate', '20 mg', 'tablet'),
    ('Loperamide', 'Loperamide', '2 mg', 'capsule'),
    ('Lactulose', 'Lactulose', '3.35 g/5 ml', 'syrup'),
    ('Amoxicillin', 'Amoxicillin', '500 mg', 'capsule'),
    ('Amoxicillin', 'Amoxicillin', '250 mg/5 ml', 'suspension'),
    ('Amoxicillin + Clavulanic acid', 'Co-amoxiclav', '625 mg', 'tablet'),
    ('Azithromycin', 'Azithromycin', '500 mg', 'tablet'),
    ('Azithromycin', 'Azithromycin', '200 mg/5 ml', 'suspension'),
    ('Cefixime', 'Cefixime', '200 mg', 'capsule'),
    ('Cefuroxime', 'Cefuroxime axetil', '500 mg', 'tablet'),
    ('Ciprofloxacin', 'Ciprofloxacin', '500 mg', 'tablet'),
    ('Levofloxacin', 'Levofloxacin', '500 mg', 'tablet'),
    ('Doxycycline', 'Doxycycline', '100 mg', 'capsule'),
    ('Flucloxacillin', 'Flucloxacillin', '500 mg', 'capsule'),
    ('Nitrofurantoin', 'Nitrofurantoin', '100 mg', 'capsule'),
    ('Fluconazole', 'Fluconazole', '150 mg', 'capsule'),
    ('Albendazole', 'Albendazole', '400 mg', 'tablet'),
    ('Ivermectin', 'Ivermectin', '6 mg', 'tablet'),
    ('Acyclovir', 'Acyclovir', '400 mg', 'tablet'),
    ('Cetirizine', 'Cetirizine', '10 mg', 'tablet'),
    ('Levocetirizine', 'Levocetirizine', '5 mg', 'tablet'),
    ('Fexofenadine', 'Fexofenadine', '120 mg', 'tablet'),
    ('Loratadine', 'Loratadine', '10 mg', 'tablet'),
    ('Chlorpheniramine', 'Chlorpheniramine maleate', '4 mg', 'tablet'),
    ('Montelukast', 'Montelukast', '10 mg', 'tablet'),
    ('Salbutamol', 'Salbutamol', '100 mcg/puff', 'inhaler'),
    ('Salbutamol', 'Salbutamol', '2 mg/5 ml', 'syrup'),
    ('Budesonide + Formoterol', 'Budesonide + Formoterol', '200/6 mcg', 'inhaler'),
    ('Dextromethorphan', 'Dextromethorphan', '10 mg/5 ml', 'syrup'),
    ('Ambroxol', 'Ambroxol', '15 mg/5 ml', 'syrup'),
    ('Prednisolone', 'Prednisolone', '5 mg', 'tablet'),
    ('Amlodipine', 'Amlodipine', '5 mg', 'tablet'),
    ('Amlodipine', 'Amlodipine', '10 mg', 'tablet'),
    ('Losartan', 'Losartan potassium', '50 mg', 'tablet'),
    ('Telmisartan', 'Telmisartan', '40 mg', 'tablet'),
    ('Bisoprolol', 'Bisoprolol', '5 mg', 'tablet'),
    ('Atenolol', 'Atenolol', '50 mg', 'tablet'),
    ('Metoprolol', 'Metoprolol', '50 mg', 'tablet'),
    ('Hydrochlorothiazide', 'Hydrochlorothiazide', '25 mg', 'tablet'),
    ('Furosemide', 'Furosemide', '40 mg', 'tablet'),
    ('Spironolactone', 'Spironolactone', '25 mg', 'tablet'),
    ('Atorvastatin', 'Atorvastatin', '10 mg', 'tablet'),
    ('Atorvastatin', 'Atorvastatin', '20 mg', 'tablet'),
    ('Rosuvastatin', 'Rosuvastatin', '10 mg', 'tablet'),
    ('Aspirin', 'Acetylsalicylic acid', '75 mg', 'tablet'),
    ('Clopidogrel', 'Clopidogrel', '75 mg', 'tablet'),
    ('Glyceryl trinitrate', 'Nitroglycerin', '0.4 mg', 'sublingual spray'),
    ('Metformin', 'Metformin', '500 mg', 'tablet'),
    ('Metformin', 'Metformin', '850 mg', 'tablet'),
    ('Gliclazide', 'Gliclazide', '80 mg', 'tablet'),
    ('Glimepiride', 'Glimepiride', '2 mg', 'tablet'),
    ('Sitagliptin', 'Sitagliptin', '50 mg', 'tablet'),
    ('Linagliptin', 'Linagliptin', '5 mg', 'tablet'),
    ('Empagliflozin', 'Empagliflozin', '10 mg', 'tablet'),
    ('Insulin (premixed 30/70)', 'Human insulin 30/70', '100 IU/ml', 'injection'),
    ('Levothyroxine', 'Levothyroxine', '50 mcg', 'tablet'),
    ('Ferrous sulphate + Folic acid', 'Iron + Folic acid', '200 mg + 0.4 mg', 'tablet'),
    ('Folic acid', 'Folic acid', '5 mg', 'tablet'),
    ('Calcium + Vitamin D3', 'Calcium carbonate + Cholecalciferol', '500 mg + 200 IU', 'tablet'),
    ('Vitamin B complex', 'Vitamin B complex', '', 'tablet'),
    ('Vitamin D3', 'Cholecalciferol', '40000 IU', 'capsule'),
    ('Multivitamin', 'Multivitamin', '', 'syrup'),
    ('Clonazepam', 'Clonazepam', '0.5 mg', 'tablet'),
    ('Escitalopram', 'Escitalopram', '10 mg', 'tablet'),
    ('Amitriptyline', 'Amitriptyline', '10 mg', 'tablet'),
    ('Gabapentin', 'Gabapentin', '300 mg', 'capsule'),
    ('Pregabalin', 'Pregabalin', '75 mg', 'capsule'),
    ('Sodium valproate', 'Sodium valproate', '200 mg', 'tablet'),
    ('Carbamazepine', 'Carbamazepine', '200 mg', 'tablet'),
    ('Betahistine', 'Betahistine', '16 mg', 'tablet'),
    ('Hyoscine butylbromide', 'Hyoscine butylbromide', '10 mg', 'tablet'),
    ('Tamsulosin', 'Tamsulosin', '0.4 mg', 'capsule'),
    ('Mupirocin', 'Mupirocin', '2%', 'ointment'),
    ('Clotrimazole', 'Clotrimazole', '1%', 'cream'),
    ('Permethrin', 'Permethrin', '5%', 'cream'),
    ('Chloramphenicol', 'Chloramphenicol', '0.5%', 'eye drops'),
    ('Ciprofloxacin', 'Ciprofloxacin', '0.3%', 'eye drops');

CREATE TABLE prescription_templates (
    id INTEGER PRIMARY KEY,
    doctor_id INTEGER NOT NULL REFERENCES doctors (staff_id),
    name TEXT NOT NULL,
    items TEXT NOT NULL,                              -- JSON array of prescription items
    created_at INTEGER NOT NULL,
    UNIQUE (doctor_id, name)
);

-- "Repeat last prescription" and the history read a patient's visits newest
-- first; visits_patient serves both. Diagnoses and items are read by their
-- primary key's visit_id prefix, one query each for all of a patient's visits.
)sql";

}  // namespace hub::store::schema
