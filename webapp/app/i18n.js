// Every label of the app in English and Bangla. A screen asks t('key') (or
// t('key', { n: 3 }) for a placeholder); a key missing from Bangla is a test
// failure (tests/browser/staff_app.test.mjs), never an English word in a
// Bangla screen. The language is chosen on the sign-in form or in the header
// and lasts for the tab (not yet saved per user on the hub).

const en = {
  appName: 'Clinic Hub',
  language: 'Language', english: 'English', bangla: 'বাংলা',
  signIn: 'Sign in', signingIn: 'Signing in…', username: 'Username', password: 'Password',
  signOut: 'Sign out', signedOut: 'You were signed out. Sign in again: what you typed is kept.',
  badLogin: 'Wrong username or password.',
  menu: 'Screens', reception: 'Reception', doctor: 'My queue', nurse: 'Vitals', admin: 'Admin',
  dashboard: 'Dashboard', changePassword: 'Change password', queues: 'Queues',
  unreachable: 'The hub cannot be reached. Retrying…', back: 'Back online.',
  loading: 'Loading…', save: 'Save', saved: 'Saved', cancel: 'Cancel', close: 'Close', edit: 'Edit',
  add: 'Add', remove: 'Remove', search: 'Search', none: 'None', yes: 'Yes', no: 'No', print: 'Print',
  error: 'Something went wrong: {message}',
  // reception
  findPatient: 'Find a patient', searchHint: 'Phone, name or record number (press / to search)',
  noMatch: 'No patient matches.', registerNew: 'Register a new patient', results: 'Matches',
  name: 'Name', phone: 'Phone', sex: 'Sex', female: 'Female', male: 'Male', other: 'Other',
  age: 'Age (years)', dateOfBirth: 'Date of birth', address: 'Address', guardian: 'Guardian',
  bloodGroup: 'Blood group', unknown: 'Unknown', preferredLanguage: 'Preferred language',
  consentSms: 'May receive SMS', mrn: 'Record no.',
  register: 'Register', possibleDuplicate: 'A patient with this name and phone may already exist:',
  pickThis: 'Use this patient', differentPerson: 'No, register as a different person',
  checkIn: 'Check in', checkInTo: 'Doctor', priority: 'Priority', normal: 'Normal', emergency: 'Emergency',
  elderly: 'Elderly', pregnant: 'Pregnant', disabled: 'Disabled',
  checkedIn: 'Checked in: token {label}', slip: 'Token slip', printSlip: 'Print slip',
  printOnPrinter: 'Send to the receipt printer', slipSent: 'Sent to the printer.',
  picked: 'Selected patient', editPatient: 'Edit details', shortcutHint: 'Enter: check in to {doctor}',
  waiting: 'Waiting', nowServing: 'Now serving', finished: 'Finished', transfer: 'Transfer',
  transferTo: 'Transfer to', priorityChange: 'Change priority', reprint: 'Reprint slip',
  noTokens: 'No one waiting.', position: 'No. {n}', waitMinutes: '~{n} min',
  // doctor
  callNext: 'Call next', recall: 'Call again', skip: 'Skip', start: 'Start', complete: 'Complete',
  restore: 'Restore', myQueue: 'My queue today', openVisit: 'Open visit',
  summary: 'Patient summary', sexAge: '{sex}, {age} y', allergies: 'Allergies', chronic: 'Chronic conditions',
  latestVitals: 'Latest vitals', history: 'History', noHistory: 'No earlier visits.',
  visit: 'Visit', complaints: 'Complaints', diagnoses: 'Diagnoses', diagnosisText: 'Diagnosis',
  icdSearch: 'ICD-10 code', notes: 'Notes', investigations: 'Investigations', prescription: 'Prescription',
  drug: 'Drug', strength: 'Strength', form: 'Form', dose: 'Dose (e.g. 1+0+1)', timing: 'Timing',
  duration: 'Duration', instructions: 'Instructions', addDrug: 'Add drug', repeatLast: 'Repeat last prescription',
  templates: 'Templates', applyTemplate: 'Use template', saveAsTemplate: 'Save as template',
  templateName: 'Template name', advice: 'Advice', followUp: 'Follow-up date', saveDraft: 'Save draft',
  finalize: 'Finalize', finalized: 'Finalized', printA4: 'Print (A4)', printA5: 'Print (A5)',
  amend: 'Amend', amendReason: 'Reason for the amendment', draftRestored: 'Your unsaved notes were restored.',
  any: 'Any time', before_meal: 'Before meal', after_meal: 'After meal', with_meal: 'With meal',
  empty_stomach: 'Empty stomach', bedtime: 'Bedtime', noVisit: 'Call or start a patient to write a visit.',
  // vitals
  vitals: 'Vitals', bpSystolic: 'BP systolic (mmHg)', bpDiastolic: 'BP diastolic (mmHg)', pulse: 'Pulse (/min)',
  temperature: 'Temperature (°F)', weight: 'Weight (kg)', height: 'Height (cm)', spo2: 'SpO₂ (%)',
  glucose: 'Blood glucose (mmol/L)', recordVitals: 'Record vitals', vitalsSaved: 'Vitals recorded for {label}.',
  chooseToken: 'Choose a token',
  // admin
  clinic: 'Clinic', clinicName: 'Clinic name', clinicNameBn: 'Clinic name (Bangla)', tagline: 'Letterhead tagline',
  footer: 'Letterhead footer', registrationNo: 'Registration no.', staff: 'Staff', role: 'Role',
  displayName: 'Full name', newStaff: 'New staff account', create: 'Create', disable: 'Disable', enable: 'Enable',
  resetPassword: 'Reset password', newPassword: 'New password', unlock: 'Unlock', unlocked: 'Unlocked.',
  doctors: 'Doctors', room: 'Room', tokenPrefix: 'Token prefix', fee: 'Fee', hours: 'Hours',
  displays: 'Displays', displayUrl: 'TV address', openTv: 'Open', rekey: 'New key', rename: 'Rename',
  qr: 'QR code for the TV', formulary: 'Formulary', genericName: 'Generic name', audit: 'Audit log',
  actor: 'User', patientId: 'Patient id', action: 'Action', from: 'From', to: 'To', filter: 'Filter',
  outcome: 'Outcome', when: 'When', jobs: 'Background jobs', jobsMissing: 'This hub reports no jobs yet (listJobs).',
  lastRun: 'Last run', moreEvents: 'Older events', admin_role: 'Admin', doctor_role: 'Doctor',
  receptionist_role: 'Receptionist', nurse_role: 'Nurse', cashier_role: 'Cashier',
  // dashboard
  today: 'Today', seen: 'Seen', averageWait: 'Average wait (min)', perDay: 'Patients per day, last 30 days',
  // password
  currentPassword: 'Current password', passwordChanged: 'Password changed. Other sessions were signed out.',
  passwordsDiffer: 'The two new passwords differ.', repeatPassword: 'New password again',
  // admin & dashboard
  adminSections: 'Admin sections', email: 'Email', timezone: 'Timezone (e.g. Asia/Dhaka)', country: 'Country',
  bangladesh: 'Bangladesh', india: 'India', tokenNumbering: 'Token numbers', perDoctor: 'Per doctor (A-001, B-001)',
  sharedNumbers: 'One series for the clinic', clinicSaved: 'Clinic profile saved.',
  staffCreated: 'Account {username} created.', passwordRule: 'At least 10 characters.',
  passwordReset: 'Password reset. Their other sessions were signed out.', notLocked: 'The account was not locked.',
  disabledState: 'Disabled', newPasswordFor: 'New password for {username}', doctorNameEn: 'Name (English)',
  doctorNameBn: 'Name (Bangla)', qualifications: 'Qualifications', specialty: 'Specialty',
  hoursHint: 'e.g. Sat-Thu 17:00-21:00', noDoctors: 'No doctors yet.', displayNameLabel: 'Display name',
  newDisplay: 'New display name', noDisplays: 'No displays yet.', rekeyConfirm: 'Make a new key? The TV must then open the new address.',
  rekeyed: 'New key made: the old TV address no longer works.', qrAlt: 'QR code of the TV address of {name}',
  editDrug: 'Edit drug', drugAdded: '{name} added to the formulary.', drugRemoved: '{name} removed from the formulary.',
  searchFormulary: 'Find in the formulary', noDrugs: 'No drug matches.', noTemplates: 'No templates yet.',
  anyone: 'Anyone', actionHint: 'e.g. patient.read, staff.create', noEvents: 'No events match.', object: 'Object',
  outcome_success: 'Success', outcome_failure: 'Failed', outcome_denied: 'Refused',
  inConsultation: 'In consultation', perDayTotal: '{n} patients in the last {days} days',
  dayCount: '{date}: {n} patients', asTable: 'As a table', date: 'Date', patients: 'Patients',
};

const bn = {
  appName: 'ক্লিনিক হাব',
  language: 'ভাষা', english: 'English', bangla: 'বাংলা',
  signIn: 'প্রবেশ করুন', signingIn: 'প্রবেশ করা হচ্ছে…', username: 'ব্যবহারকারীর নাম', password: 'পাসওয়ার্ড',
  signOut: 'বের হোন', signedOut: 'আপনাকে বের করে দেওয়া হয়েছে। আবার প্রবেশ করুন: আপনার লেখা রাখা আছে।',
  badLogin: 'ব্যবহারকারীর নাম বা পাসওয়ার্ড ভুল।',
  menu: 'পর্দা', reception: 'অভ্যর্থনা', doctor: 'আমার সারি', nurse: 'ভাইটালস', admin: 'প্রশাসন',
  dashboard: 'ড্যাশবোর্ড', changePassword: 'পাসওয়ার্ড বদলান', queues: 'সারি',
  unreachable: 'হাবের সাথে যোগাযোগ নেই। আবার চেষ্টা করা হচ্ছে…', back: 'আবার সংযুক্ত।',
  loading: 'লোড হচ্ছে…', save: 'সংরক্ষণ', saved: 'সংরক্ষিত', cancel: 'বাতিল', close: 'বন্ধ', edit: 'সম্পাদনা',
  add: 'যোগ করুন', remove: 'সরান', search: 'খুঁজুন', none: 'নেই', yes: 'হ্যাঁ', no: 'না', print: 'প্রিন্ট',
  error: 'সমস্যা হয়েছে: {message}',
  findPatient: 'রোগী খুঁজুন', searchHint: 'ফোন, নাম বা রেজিস্ট্রেশন নম্বর (খুঁজতে / চাপুন)',
  noMatch: 'কোনো রোগী মেলেনি।', registerNew: 'নতুন রোগী নিবন্ধন', results: 'ফলাফল',
  name: 'নাম', phone: 'ফোন', sex: 'লিঙ্গ', female: 'মহিলা', male: 'পুরুষ', other: 'অন্যান্য',
  age: 'বয়স (বছর)', dateOfBirth: 'জন্ম তারিখ', address: 'ঠিকানা', guardian: 'অভিভাবক',
  bloodGroup: 'রক্তের গ্রুপ', unknown: 'অজানা', preferredLanguage: 'পছন্দের ভাষা',
  consentSms: 'এসএমএস পাঠানো যাবে', mrn: 'রেজি. নং',
  register: 'নিবন্ধন করুন', possibleDuplicate: 'এই নাম ও ফোনের রোগী হয়তো আগেই আছেন:',
  pickThis: 'এই রোগী নিন', differentPerson: 'না, ভিন্ন ব্যক্তি হিসেবে নিবন্ধন করুন',
  checkIn: 'চেক-ইন', checkInTo: 'ডাক্তার', priority: 'অগ্রাধিকার', normal: 'সাধারণ', emergency: 'জরুরি',
  elderly: 'বয়স্ক', pregnant: 'গর্ভবতী', disabled: 'প্রতিবন্ধী',
  checkedIn: 'চেক-ইন হয়েছে: টোকেন {label}', slip: 'টোকেন স্লিপ', printSlip: 'স্লিপ প্রিন্ট',
  printOnPrinter: 'রসিদ প্রিন্টারে পাঠান', slipSent: 'প্রিন্টারে পাঠানো হয়েছে।',
  picked: 'নির্বাচিত রোগী', editPatient: 'তথ্য সম্পাদনা', shortcutHint: 'এন্টার: {doctor}-এর কাছে চেক-ইন',
  waiting: 'অপেক্ষমাণ', nowServing: 'এখন দেখছেন', finished: 'শেষ', transfer: 'স্থানান্তর',
  transferTo: 'যার কাছে স্থানান্তর', priorityChange: 'অগ্রাধিকার বদলান', reprint: 'আবার স্লিপ',
  noTokens: 'কেউ অপেক্ষায় নেই।', position: 'ক্রম {n}', waitMinutes: '~{n} মিনিট',
  callNext: 'পরের জনকে ডাকুন', recall: 'আবার ডাকুন', skip: 'বাদ দিন', start: 'শুরু', complete: 'সম্পন্ন',
  restore: 'ফিরিয়ে আনুন', myQueue: 'আজ আমার সারি', openVisit: 'ভিজিট খুলুন',
  summary: 'রোগীর সারসংক্ষেপ', sexAge: '{sex}, {age} বছর', allergies: 'অ্যালার্জি', chronic: 'দীর্ঘমেয়াদি রোগ',
  latestVitals: 'সর্বশেষ ভাইটালস', history: 'ইতিহাস', noHistory: 'আগের কোনো ভিজিট নেই।',
  visit: 'ভিজিট', complaints: 'অভিযোগ', diagnoses: 'রোগনির্ণয়', diagnosisText: 'রোগনির্ণয়',
  icdSearch: 'ICD-10 কোড', notes: 'নোট', investigations: 'পরীক্ষা-নিরীক্ষা', prescription: 'ব্যবস্থাপত্র',
  drug: 'ওষুধ', strength: 'মাত্রা', form: 'ধরন', dose: 'ডোজ (যেমন ১+০+১)', timing: 'সময়',
  duration: 'মেয়াদ', instructions: 'নির্দেশনা', addDrug: 'ওষুধ যোগ করুন', repeatLast: 'আগের ব্যবস্থাপত্র আবার',
  templates: 'টেমপ্লেট', applyTemplate: 'টেমপ্লেট ব্যবহার', saveAsTemplate: 'টেমপ্লেট হিসেবে রাখুন',
  templateName: 'টেমপ্লেটের নাম', advice: 'পরামর্শ', followUp: 'পরবর্তী সাক্ষাতের তারিখ', saveDraft: 'খসড়া সংরক্ষণ',
  finalize: 'চূড়ান্ত করুন', finalized: 'চূড়ান্ত', printA4: 'প্রিন্ট (A4)', printA5: 'প্রিন্ট (A5)',
  amend: 'সংশোধন', amendReason: 'সংশোধনের কারণ', draftRestored: 'আপনার অসংরক্ষিত লেখা ফিরিয়ে আনা হয়েছে।',
  any: 'যেকোনো সময়', before_meal: 'খাবারের আগে', after_meal: 'খাবারের পরে', with_meal: 'খাবারের সাথে',
  empty_stomach: 'খালি পেটে', bedtime: 'ঘুমানোর আগে', noVisit: 'ভিজিট লিখতে একজন রোগীকে ডাকুন বা শুরু করুন।',
  vitals: 'ভাইটালস', bpSystolic: 'রক্তচাপ সিস্টোলিক (mmHg)', bpDiastolic: 'রক্তচাপ ডায়াস্টোলিক (mmHg)',
  pulse: 'নাড়ি (/মিনিট)', temperature: 'তাপমাত্রা (°F)', weight: 'ওজন (কেজি)', height: 'উচ্চতা (সেমি)',
  spo2: 'SpO₂ (%)', glucose: 'রক্তে শর্করা (mmol/L)', recordVitals: 'ভাইটালস লিখুন',
  vitalsSaved: '{label}-এর ভাইটালস লেখা হয়েছে।', chooseToken: 'একটি টোকেন বাছুন',
  clinic: 'ক্লিনিক', clinicName: 'ক্লিনিকের নাম', clinicNameBn: 'ক্লিনিকের নাম (বাংলা)', tagline: 'প্যাডের ট্যাগলাইন',
  footer: 'প্যাডের ফুটার', registrationNo: 'নিবন্ধন নং', staff: 'কর্মী', role: 'ভূমিকা',
  displayName: 'পুরো নাম', newStaff: 'নতুন কর্মী অ্যাকাউন্ট', create: 'তৈরি করুন', disable: 'নিষ্ক্রিয়', enable: 'সক্রিয়',
  resetPassword: 'পাসওয়ার্ড রিসেট', newPassword: 'নতুন পাসওয়ার্ড', unlock: 'আনলক', unlocked: 'আনলক হয়েছে।',
  doctors: 'ডাক্তার', room: 'কক্ষ', tokenPrefix: 'টোকেন উপসর্গ', fee: 'ফি', hours: 'সময়সূচি',
  displays: 'ডিসপ্লে', displayUrl: 'টিভির ঠিকানা', openTv: 'খুলুন', rekey: 'নতুন চাবি', rename: 'নাম বদলান',
  qr: 'টিভির জন্য QR কোড', formulary: 'ওষুধের তালিকা', genericName: 'জেনেরিক নাম', audit: 'অডিট লগ',
  actor: 'ব্যবহারকারী', patientId: 'রোগীর আইডি', action: 'কাজ', from: 'থেকে', to: 'পর্যন্ত', filter: 'ছাঁকুন',
  outcome: 'ফলাফল', when: 'কখন', jobs: 'পটভূমির কাজ', jobsMissing: 'এই হাব এখনো কোনো কাজের তথ্য দেয় না (listJobs)।',
  lastRun: 'শেষ চালানো', moreEvents: 'আরও পুরোনো', admin_role: 'প্রশাসক', doctor_role: 'ডাক্তার',
  receptionist_role: 'অভ্যর্থনাকারী', nurse_role: 'নার্স', cashier_role: 'ক্যাশিয়ার',
  today: 'আজ', seen: 'দেখা হয়েছে', averageWait: 'গড় অপেক্ষা (মিনিট)', perDay: 'দৈনিক রোগী, গত ৩০ দিন',
  currentPassword: 'বর্তমান পাসওয়ার্ড', passwordChanged: 'পাসওয়ার্ড বদলানো হয়েছে। অন্য সেশনগুলো বন্ধ হয়েছে।',
  passwordsDiffer: 'দুটি নতুন পাসওয়ার্ড মেলেনি।', repeatPassword: 'নতুন পাসওয়ার্ড আবার',
  // admin & dashboard
  adminSections: 'প্রশাসনের অংশ', email: 'ইমেইল', timezone: 'সময় অঞ্চল (যেমন Asia/Dhaka)', country: 'দেশ',
  bangladesh: 'বাংলাদেশ', india: 'ভারত', tokenNumbering: 'টোকেন নম্বর', perDoctor: 'প্রতি ডাক্তারে আলাদা (A-001, B-001)',
  sharedNumbers: 'পুরো ক্লিনিকে একটি ধারা', clinicSaved: 'ক্লিনিকের তথ্য সংরক্ষিত হয়েছে।',
  staffCreated: '{username} অ্যাকাউন্ট তৈরি হয়েছে।', passwordRule: 'অন্তত ১০টি অক্ষর।',
  passwordReset: 'পাসওয়ার্ড রিসেট হয়েছে। তাঁর অন্য সেশনগুলো বন্ধ হয়েছে।', notLocked: 'অ্যাকাউন্টটি লক ছিল না।',
  disabledState: 'নিষ্ক্রিয়', newPasswordFor: '{username}-এর নতুন পাসওয়ার্ড', doctorNameEn: 'নাম (ইংরেজি)',
  doctorNameBn: 'নাম (বাংলা)', qualifications: 'যোগ্যতা', specialty: 'বিশেষত্ব',
  hoursHint: 'যেমন শনি-বৃহঃ ১৭:০০-২১:০০', noDoctors: 'এখনো কোনো ডাক্তার নেই।', displayNameLabel: 'ডিসপ্লের নাম',
  newDisplay: 'নতুন ডিসপ্লের নাম', noDisplays: 'এখনো কোনো ডিসপ্লে নেই।', rekeyConfirm: 'নতুন চাবি তৈরি করবেন? তখন টিভিতে নতুন ঠিকানা খুলতে হবে।',
  rekeyed: 'নতুন চাবি তৈরি হয়েছে: টিভির পুরোনো ঠিকানা আর কাজ করবে না।', qrAlt: '{name}-এর টিভি ঠিকানার QR কোড',
  editDrug: 'ওষুধ সম্পাদনা', drugAdded: '{name} ওষুধের তালিকায় যোগ হয়েছে।', drugRemoved: '{name} ওষুধের তালিকা থেকে সরানো হয়েছে।',
  searchFormulary: 'ওষুধের তালিকায় খুঁজুন', noDrugs: 'কোনো ওষুধ মেলেনি।', noTemplates: 'এখনো কোনো টেমপ্লেট নেই।',
  anyone: 'যে কেউ', actionHint: 'যেমন patient.read, staff.create', noEvents: 'কোনো ঘটনা মেলেনি।', object: 'বিষয়',
  outcome_success: 'সফল', outcome_failure: 'ব্যর্থ', outcome_denied: 'প্রত্যাখ্যাত',
  inConsultation: 'দেখানো চলছে', perDayTotal: 'গত {days} দিনে {n} জন রোগী',
  dayCount: '{date}: {n} জন রোগী', asTable: 'সারণি হিসেবে', date: 'তারিখ', patients: 'রোগী',
};

export const dictionaries = { en, bn };
let current = 'en';

export function setLanguage(lang) {
  current = lang === 'bn' ? 'bn' : 'en';
  document.documentElement.lang = current;
}
export const language = () => current;

export function t(key, params) {
  let text = dictionaries[current][key] ?? en[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

// Bangla digits (০-৯) typed anywhere a number is read: "১+০+১" is "1+0+1".
export function latinDigits(text) {
  return String(text).replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6));
}
