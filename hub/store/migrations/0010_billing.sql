-- One row once an admin saves settings; until then the service derives the
-- defaults from the clinic's country (BD: BDT and a July fiscal year; IN: INR, April).
CREATE TABLE billing_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    currency TEXT NOT NULL CHECK (currency IN ('BDT', 'INR')),
    fiscal_year_start_month INTEGER NOT NULL CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
    upi_vpa TEXT NOT NULL DEFAULT '',
    bkash_qr_image TEXT NOT NULL DEFAULT '',          -- base64 PNG/JPEG of the merchant QR
    nagad_qr_image TEXT NOT NULL DEFAULT '',
    reception_discount_cap_percent INTEGER NOT NULL DEFAULT 10
        CHECK (reception_discount_cap_percent BETWEEN 0 AND 100),
    reception_takes_payments INTEGER NOT NULL DEFAULT 1 CHECK (reception_takes_payments IN (0, 1)),
    updated_at INTEGER NOT NULL
);

-- The fee schedule, the one place for fees: each doctor's consultation (with
-- a lower follow-up fee for a return within follow_up_days) and service items.
CREATE TABLE fee_items (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('consultation', 'service')),
    -- A doctor's fee goes with their profile (one already billed is kept by invoice_lines).
    doctor_id INTEGER REFERENCES doctors (staff_id) ON DELETE CASCADE,
    name_en TEXT NOT NULL,
    name_bn TEXT NOT NULL DEFAULT '',
    price_minor INTEGER NOT NULL CHECK (price_minor BETWEEN 0 AND 10000000000),
    follow_up_price_minor INTEGER CHECK (follow_up_price_minor BETWEEN 0 AND 10000000000),
    follow_up_days INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_days BETWEEN 0 AND 365),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at INTEGER NOT NULL,
    CHECK ((kind = 'consultation') = (doctor_id IS NOT NULL))
);
CREATE UNIQUE INDEX fee_items_consultation ON fee_items (doctor_id) WHERE kind = 'consultation';

-- The doctors' consultation fees (whole taka/rupees) move into the schedule in minor units.
INSERT INTO fee_items (kind, doctor_id, name_en, name_bn, price_minor, updated_at)
    SELECT 'consultation', staff_id, 'Consultation', 'পরামর্শ ফি', consultation_fee * 100, updated_at FROM doctors;
ALTER TABLE doctors DROP COLUMN consultation_fee;

-- Invoice numbers: one counter per fiscal year, bumped inside the writer's
-- transaction with the invoice it numbers, so numbers have no gaps or twins.
CREATE TABLE invoice_counters (
    fiscal_year INTEGER PRIMARY KEY,
    last_number INTEGER NOT NULL
);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,                      -- "INV-2026-000123"
    fiscal_year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    doctor_id INTEGER REFERENCES doctors (staff_id),
    token_id INTEGER REFERENCES tokens (id),
    clinic_day TEXT NOT NULL,
    -- A voided invoice keeps its number and says why.
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    void_reason TEXT NOT NULL DEFAULT '',
    voided_by INTEGER REFERENCES staff (id),
    voided_at INTEGER,
    created_by INTEGER REFERENCES staff (id),
    created_at INTEGER NOT NULL,
    UNIQUE (fiscal_year, sequence),
    CHECK (voided = 0 OR void_reason != '')
);
CREATE INDEX invoices_patient ON invoices (patient_id);
CREATE INDEX invoices_day ON invoices (clinic_day);
CREATE UNIQUE INDEX invoices_token ON invoices (token_id) WHERE token_id IS NOT NULL;

-- Charges are positive, discounts negative (with the reason); an invoice's
-- total is the sum of its lines.
CREATE TABLE invoice_lines (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    kind TEXT NOT NULL CHECK (kind IN ('charge', 'discount')),
    fee_item_id INTEGER REFERENCES fee_items (id),
    description_en TEXT NOT NULL,
    description_bn TEXT NOT NULL DEFAULT '',
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor BETWEEN 0 AND 10000000000),
    amount_minor INTEGER NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    added_by INTEGER REFERENCES staff (id),
    added_at INTEGER NOT NULL,
    CHECK ((kind = 'charge' AND amount_minor = quantity * unit_price_minor)
        OR (kind = 'discount' AND amount_minor = -quantity * unit_price_minor AND reason != ''))
);
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id);

-- Money in (kind 'payment') and back out (kind 'refund', refund_of the
-- payment). drawer_day is the cashier's drawer it counts in: the clinic day,
-- or the next one when that drawer was already closed.
CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
    method TEXT NOT NULL CHECK (method IN ('cash', 'bkash', 'nagad', 'upi', 'card')),
    reference TEXT NOT NULL DEFAULT '',               -- TrxID, UTR or card's last 4
    amount_minor INTEGER NOT NULL CHECK (amount_minor BETWEEN 1 AND 10000000000),
    refund_of INTEGER REFERENCES payments (id),
    reason TEXT NOT NULL DEFAULT '',
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    received_by INTEGER NOT NULL REFERENCES staff (id),
    received_at INTEGER NOT NULL,
    clinic_day TEXT NOT NULL,
    drawer_day TEXT NOT NULL,
    -- Against the provider's statement: unchecked until an import sees it.
    reconciliation TEXT NOT NULL DEFAULT 'unchecked'
        CHECK (reconciliation IN ('unchecked', 'matched', 'mismatch', 'manual')),
    reconciliation_note TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'refund') = (refund_of IS NOT NULL)),
    CHECK (kind = 'payment' OR reason != '')
);
-- A transfer's id is recorded once in the clinic.
CREATE UNIQUE INDEX payments_transfer_once ON payments (method, reference)
    WHERE kind = 'payment' AND method IN ('bkash', 'nagad', 'upi');
CREATE INDEX payments_drawer ON payments (received_by, drawer_day);
CREATE INDEX payments_day ON payments (clinic_day);

-- How a payment (or refund) splits across invoices: one family transfer pays several.
CREATE TABLE payment_allocations (
    payment_id INTEGER NOT NULL REFERENCES payments (id),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor BETWEEN 1 AND 10000000000),
    PRIMARY KEY (payment_id, invoice_id)
);
CREATE INDEX payment_allocations_invoice ON payment_allocations (invoice_id);

-- A cashier's drawer for a clinic day: the float, the count, and the lock.
CREATE TABLE cash_drawers (
    cashier_id INTEGER NOT NULL REFERENCES staff (id),
    drawer_day TEXT NOT NULL,
    opening_float_minor INTEGER NOT NULL DEFAULT 0 CHECK (opening_float_minor BETWEEN 0 AND 10000000000),
    counted_minor INTEGER CHECK (counted_minor BETWEEN 0 AND 10000000000),
    expected_minor INTEGER,
    closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
    closed_at INTEGER,
    closed_by INTEGER REFERENCES staff (id),
    reopen_reason TEXT NOT NULL DEFAULT '',
    reopened_by INTEGER REFERENCES staff (id),
    reopened_at INTEGER,
    PRIMARY KEY (cashier_id, drawer_day)
);

-- Cash taken out of a drawer for something other than a refund (a courier, tea).
CREATE TABLE cash_payouts (
    id INTEGER PRIMARY KEY,
    cashier_id INTEGER NOT NULL REFERENCES staff (id),
    drawer_day TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor BETWEEN 1 AND 10000000000),
    reason TEXT NOT NULL CHECK (reason != ''),
    recorded_by INTEGER NOT NULL REFERENCES staff (id),
    recorded_at INTEGER NOT NULL
);
CREATE INDEX cash_payouts_drawer ON cash_payouts (cashier_id, drawer_day);

-- Merchant statements imported for reconciliation, and each of their lines
-- with what it matched.
CREATE TABLE statement_imports (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL CHECK (provider IN ('bkash', 'nagad', 'upi')),
    imported_by INTEGER NOT NULL REFERENCES staff (id),
    imported_at INTEGER NOT NULL,
    line_count INTEGER NOT NULL
);
CREATE TABLE statement_lines (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES statement_imports (id),
    line_number INTEGER NOT NULL,
    reference TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    occurred TEXT NOT NULL DEFAULT '',                -- the statement's date text, as written
    payment_id INTEGER REFERENCES payments (id),
    result TEXT NOT NULL CHECK (result IN ('matched', 'mismatch', 'not_recorded', 'manual')),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX statement_lines_reference ON statement_lines (reference);
