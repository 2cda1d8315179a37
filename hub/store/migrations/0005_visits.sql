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
