// getPatientSummaryPrint: the dossier as one printable page, every label in
// English and Bangla, for a patient who has no computer to open a file on.
#include "hub/core/text.h"
#include "hub/opd/clinic_service.h"
#include "hub/service/audited.h"
#include "hub/rights/export_service.h"

namespace hub::rights {
namespace {

std::string label(const char* en, const char* bn) {
    return std::string("<span class=en>") + en + "</span> <span class=bn>" + bn + "</span>";
}

std::string row(const char* en, const char* bn, const std::string& value) {
    return "<tr><th>" + label(en, bn) + "</th><td>" + htmlEscape(value) + "</td></tr>\n";
}

std::string dateOf(TimePoint t) { return formatRfc3339(t).substr(0, 10); }

std::string summaryPage(const PatientDossier& d, TimePoint printedAt) {
    const auto& p = d.patient;
    std::string h =
        "<!doctype html>\n<html><head><meta charset=utf-8><title>Patient record summary</title>\n"
        "<style>body{font-family:sans-serif;margin:1.5cm}table{border-collapse:collapse;width:100%}"
        "th,td{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}.bn{color:#444}"
        "h2{margin-top:1.2em}@media print{a{display:none}}</style></head><body>\n";
    h += "<h1>" + htmlEscape(d.clinicName) + "</h1>\n";
    h += "<p>" + label("Summary of your record", "আপনার রেকর্ডের সারসংক্ষেপ") + " &middot; " + dateOf(printedAt) +
         "</p>\n<table>\n";
    h += row("Name", "নাম", p.name);
    h += row("Record number", "রেকর্ড নম্বর", p.mrn);
    h += row("Sex", "লিঙ্গ", std::string(domain::sexName(p.sex)));
    h += row("Date of birth", "জন্ম তারিখ",
             p.birthDate ? p.birthDate->iso() + (p.birthDateApproximate ? " (approx.)" : "") : "");
    std::string phones;
    for (const auto& ph : p.phones) phones += (phones.empty() ? "" : ", ") + ph;
    h += row("Phone", "ফোন", phones);
    h += row("Address", "ঠিকানা", p.address);
    h += row("Guardian", "অভিভাবক", p.guardian);
    h += row("Blood group", "রক্তের গ্রুপ", p.bloodGroup);
    h += row("Allergies", "অ্যালার্জি", p.allergies);
    std::string conditions;
    for (const auto& c : d.conditionLabels) conditions += (conditions.empty() ? "" : ", ") + c;
    h += row("Long-term conditions", "দীর্ঘমেয়াদি রোগ", conditions);
    h += "</table>\n<h2>" + label("Visits", "ভিজিট") + "</h2>\n";
    if (d.visits.empty()) h += "<p>" + label("None", "নেই") + "</p>\n";
    for (const auto& r : d.visits) {
        const auto& c = r.visit.content;
        h += "<table>\n";
        h += row("Date", "তারিখ", dateOf(r.visit.createdAt));
        h += row("Doctor", "ডাক্তার", r.doctorName);
        h += row("Complaints", "সমস্যা", c.complaints);
        std::string dx;
        for (const auto& d2 : c.diagnoses)
            dx += (dx.empty() ? "" : "; ") + d2.text + (d2.icd10.empty() ? "" : " (" + d2.icd10 + ")");
        h += row("Diagnosis", "রোগ নির্ণয়", dx);
        std::string rx;
        for (const auto& i : c.prescription)
            rx += (rx.empty() ? "" : "\n") + i.drug + " " + i.strength + " " + i.form + " - " + i.dose + " - " +
                  i.duration.text() + (i.instructions.empty() ? "" : " (" + i.instructions + ")");
        h += row("Medicines", "ওষুধ", rx);
        h += row("Notes", "নোট", c.notes);
        h += row("Advice", "পরামর্শ", c.advice);
        if (!r.visit.amendments.empty())
            h += row("Amended", "সংশোধিত", std::to_string(r.visit.amendments.size()) + "x");
        h += "</table><br>\n";
    }
    h += "<h2>" + label("Consents", "সম্মতি") + "</h2>\n<table>\n";
    for (const auto& e : d.currentConsents)
        h += "<tr><th>" + htmlEscape(e.purpose) + "</th><td>" + (e.given ? label("given", "দেওয়া হয়েছে")
                                                                          : label("withdrawn", "প্রত্যাহার করা হয়েছে")) +
             " &middot; " + dateOf(e.recordedAt) + "</td></tr>\n";
    h += "</table>\n</body></html>\n";
    return h;
}

}  // namespace

std::string ExportService::patientSummaryHtml(const auth::ActorContext& actor, long long patientId) {
    const std::string id = std::to_string(patientId);
    const service::Attempt attempt{domain::Operation::GetPatientSummaryPrint, "patient.export", "patient", id,
                                   patientId};
    return service::audited(db_, audit_, actor, attempt, [&] {
        const TimePoint now = clock_.now();
        return db_.write([&](store::Connection& tx) {
            const auto dossier = readDossier(tx, patientId);
            service::appendSuccess(audit_, tx, actor, attempt, "format=print");
            return summaryPage(dossier, now);
        });
    });
}

}  // namespace hub::rights
