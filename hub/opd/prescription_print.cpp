#include "hub/opd/prescription_print.h"

#include "hub/core/text.h"

#include <cstdio>

namespace hub::opd {
namespace {

// Every label on the page, in the two languages a patient may read it in.
struct Labels {
    domain::Language language;
    const char* title;
    const char* name;
    const char* age;
    const char* years;
    const char* sex;
    const char* sexNames[3];  // female, male, other (domain::Sex order)
    const char* recordNumber;
    const char* date;
    const char* registration;
    const char* vitals;
    const char* bp;
    const char* pulse;
    const char* temperature;
    const char* weight;
    const char* height;
    const char* spo2;
    const char* glucose;
    const char* complaints;
    const char* diagnosis;
    const char* investigations;
    const char* advice;
    const char* followUp;
    const char* draft;
    const char* signature;
    const char* timings[6];    // domain::MealTiming order; "" for any
    const char* units[3];      // singular day, week, month
    const char* unitsPlural[3];
    const char* continueText;
};

constexpr Labels english{
    domain::Language::English, "Prescription", "Name", "Age", "years", "Sex", {"Female", "Male", "Other"}, "Record No.",
    "Date",
    "Reg. No.", "Vitals", "BP", "Pulse", "Temp", "Weight", "Height", "SpO\xE2\x82\x82", "Blood glucose",
    "Chief complaints", "Diagnosis", "Investigations", "Advice", "Follow-up", "DRAFT \xE2\x80\x94 not final",
    "Signature",
    {"", "before meal", "after meal", "with meal", "on an empty stomach", "at bedtime"},
    {"day", "week", "month"}, {"days", "weeks", "months"}, "continue"};

constexpr Labels bangla{
    domain::Language::Bangla, "ব্যবস্থাপত্র", "নাম", "বয়স", "বছর", "লিঙ্গ", {"মহিলা", "পুরুষ", "অন্যান্য"}, "রেজি. নং", "তারিখ",
    "রেজিঃ নং", "শারীরিক পরিমাপ", "রক্তচাপ", "নাড়ি", "তাপমাত্রা", "ওজন", "উচ্চতা", "SpO\xE2\x82\x82",
    "রক্তে শর্করা", "প্রধান সমস্যা", "রোগনির্ণয়", "পরীক্ষা-নিরীক্ষা", "পরামর্শ", "পরবর্তী সাক্ষাৎ",
    "খসড়া \xE2\x80\x94 চূড়ান্ত নয়", "স্বাক্ষর",
    {"", "খাবারের আগে", "খাবারের পরে", "খাবারের সাথে", "খালি পেটে", "ঘুমানোর আগে"},
    {"দিন", "সপ্তাহ", "মাস"}, {"দিন", "সপ্তাহ", "মাস"}, "চলবে"};

// Digits as the page's reader reads them: Bangla digits on a Bangla page.
std::string localDigits(const Labels& l, const std::string& text) {
    return l.language == domain::Language::Bangla ? banglaDigits(text) : text;
}

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

std::string dayMonthYear(const domain::Date& d) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d-%02d-%04d", d.day, d.month, d.year);
    return buffer;
}

std::string durationText(const Labels& l, const domain::Duration& d) {
    if (d.unit == domain::Duration::Unit::Continue) return l.continueText;
    const auto unit = static_cast<std::size_t>(d.unit);
    return localDigits(l, std::to_string(d.count)) + " " + (d.count == 1 ? l.units[unit] : l.unitsPlural[unit]);
}

class Html {
public:
    Html& raw(std::string_view s) {
        out_ += s;
        return *this;
    }
    Html& text(std::string_view s) {
        out_ += htmlEscape(s);
        return *this;
    }
    // <tag class="cls">escaped text</tag>, skipped when text is empty.
    Html& element(const char* tag, const char* cls, std::string_view s) {
        if (s.empty()) return *this;
        raw("<").raw(tag).raw(" class=\"").raw(cls).raw("\">").text(s).raw("</").raw(tag).raw(">\n");
        return *this;
    }
    // A titled block of free text; lines are kept as the doctor typed them.
    Html& block(const char* cls, const char* title, std::string_view s) {
        if (s.empty()) return *this;
        raw("<section class=\"").raw(cls).raw("\"><h3>").text(title).raw("</h3><p class=\"free-text\">").text(s);
        return raw("</p></section>\n");
    }
    std::string str() && { return std::move(out_); }

private:
    std::string out_;
};

void vitalsLine(Html& h, const Labels& l, const domain::Vitals& v) {
    if (v.empty()) return;
    h.raw("<section class=\"vitals\"><h3>").text(l.vitals).raw("</h3><ul>");
    auto item = [&](const char* label, const std::string& value, const char* unit) {
        h.raw("<li><span class=\"label\">").text(label).raw("</span> ").text(value).raw(" ").text(unit).raw("</li>");
    };
    if (v.bpSystolic && v.bpDiastolic)
        item(l.bp, std::to_string(*v.bpSystolic) + "/" + std::to_string(*v.bpDiastolic), "mmHg");
    if (v.pulse) item(l.pulse, std::to_string(*v.pulse), "/min");
    if (v.temperatureF) item(l.temperature, number(*v.temperatureF), "\xC2\xB0" "F");
    if (v.weightKg) item(l.weight, number(*v.weightKg), "kg");
    if (v.heightCm) item(l.height, number(*v.heightCm), "cm");
    if (v.spo2) item(l.spo2, std::to_string(*v.spo2), "%");
    if (v.bloodGlucoseMmolL) item(l.glucose, number(*v.bloodGlucoseMmolL), "mmol/L");
    h.raw("</ul></section>\n");
}

}  // namespace

std::string_view paperName(Paper paper) { return paper == Paper::A5 ? "a5" : "a4"; }

std::optional<Paper> parsePaper(std::string_view name) {
    if (name == "a4" || name == "A4") return Paper::A4;
    if (name == "a5" || name == "A5") return Paper::A5;
    return std::nullopt;
}

std::string renderPrescriptionHtml(const PrescriptionPage& p) {
    const bool bn = domain::pageLanguage(p.language) == domain::Language::Bangla;
    const Labels& l = bn ? bangla : english;
    const auto& c = p.content;
    Html h;
    h.raw("<!DOCTYPE html>\n<html lang=\"")
        .raw(domain::languageName(l.language))
        .raw("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .text(l.title).raw(" \xE2\x80\x94 ").text(p.mrn).raw("</title>\n<link rel=\"stylesheet\" href=\"")
        .raw(prescriptionStylesheetPath).raw("?paper=").raw(paperName(p.paper)).raw("\">\n</head>\n<body class=\"paper-")
        .raw(paperName(p.paper)).raw("\">\n");
    if (p.draft) h.element("p", "draft-mark", l.draft);

    h.raw("<header class=\"letterhead\">\n");
    h.element("h1", "clinic-name", p.clinicName);
    if (p.clinicNameBn != p.clinicName) h.element("p", "clinic-name-bn", p.clinicNameBn);
    h.element("p", "tagline", p.clinicTagline);
    std::string contact = p.clinicAddress;
    if (!p.clinicPhone.empty()) contact += (contact.empty() ? "" : " \xC2\xB7 ") + p.clinicPhone;
    h.element("p", "contact", contact);
    h.raw("</header>\n");

    h.raw("<section class=\"doctor\">\n");
    h.element("h2", "doctor-name", bn && !p.doctorNameBn.empty() ? p.doctorNameBn : p.doctorName);
    if (bn && !p.doctorNameBn.empty()) h.element("p", "doctor-name-en", p.doctorName);
    h.element("p", "qualifications", p.qualifications);
    h.element("p", "specialty", p.specialty);
    if (!p.registrationNumber.empty())
        h.raw("<p class=\"registration\">").text(l.registration).raw(": ").text(p.registrationNumber).raw("</p>\n");
    h.raw("</section>\n");

    h.raw("<table class=\"patient\"><tr>");
    auto cell = [&](const char* label, const std::string& value, const char* cls) {
        h.raw("<td class=\"").raw(cls).raw("\"><span class=\"label\">").text(label).raw(":</span> ").text(value)
            .raw("</td>");
    };
    cell(l.name, p.patientName, "patient-name");
    cell(l.age, p.ageYears ? localDigits(l, std::to_string(*p.ageYears)) + " " + l.years : "", "age");
    cell(l.sex, l.sexNames[static_cast<std::size_t>(p.sex)], "sex");
    h.raw("</tr><tr>");
    cell(l.recordNumber, p.mrn, "mrn");
    cell(l.date, localDigits(l, dayMonthYear(p.date)), "date");
    h.raw("</tr></table>\n");

    h.raw("<div class=\"body\">\n<div class=\"findings\">\n");
    vitalsLine(h, l, c.vitals);
    h.block("complaints", l.complaints, c.complaints);
    if (!c.diagnoses.empty()) {
        h.raw("<section class=\"diagnoses\"><h3>").text(l.diagnosis).raw("</h3><ul>");
        for (const auto& d : c.diagnoses) {
            h.raw("<li>").text(d.text);
            if (!d.icd10.empty()) h.raw(" <span class=\"icd10\">(").text(d.icd10).raw(")</span>");
            h.raw("</li>");
        }
        h.raw("</ul></section>\n");
    }
    h.block("investigations", l.investigations, c.investigations);
    h.raw("</div>\n<div class=\"rx\">\n<p class=\"rx-mark\">\xE2\x84\x9E</p>\n<ol class=\"items\">\n");
    for (const auto& item : c.prescription) {
        std::string drug = item.drug;
        for (const auto* part : {&item.strength, &item.form})
            if (!part->empty()) drug += " " + *part;
        h.raw("<li><span class=\"drug\">").text(drug).raw("</span><br><span class=\"dose\">").text(item.dose)
            .raw("</span>");
        const char* timing = l.timings[static_cast<std::size_t>(item.timing)];
        if (*timing != '\0') h.raw(" <span class=\"timing\">").text(timing).raw("</span>");
        h.raw(" <span class=\"duration\">").text(durationText(l, item.duration)).raw("</span>");
        if (!item.instructions.empty()) h.raw("<br><span class=\"instructions\">").text(item.instructions).raw("</span>");
        h.raw("</li>\n");
    }
    h.raw("</ol>\n");
    h.block("advice", l.advice, c.advice);
    if (c.followUpDate)
        h.raw("<p class=\"follow-up\"><span class=\"label\">").text(l.followUp).raw(":</span> ")
            .text(localDigits(l, dayMonthYear(*c.followUpDate))).raw("</p>\n");
    h.raw("</div>\n</div>\n");

    h.raw("<footer>\n<p class=\"signature\">").text(l.signature).raw("</p>\n");
    h.element("p", "footer-text", p.clinicFooter);
    h.raw("</footer>\n</body>\n</html>\n");
    return std::move(h).str();
}

std::string bengaliFontFaceCss() {
    return "@font-face {\n  font-family: \"Noto Sans Bengali\";\n  src: url(\"" + std::string(bengaliFontPath) +
           "\") format(\"truetype\");\n  font-weight: normal;\n  font-style: normal;\n}\n";
}

std::string prescriptionStylesheet(Paper paper) {
    const bool a5 = paper == Paper::A5;
    std::string css = bengaliFontFaceCss();
    css += std::string("@page { size: ") + (a5 ? "A5" : "A4") + " portrait; margin: " + (a5 ? "10mm" : "15mm") + "; }\n";
    css += std::string("html { font-size: ") + (a5 ? "9.5pt" : "11pt") + "; }\n";
    css += R"css(body {
  font-family: "Noto Sans Bengali", "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  color: #000; background: #fff; margin: 0 auto; line-height: 1.35;
}
@media screen { body { max-width: 190mm; padding: 10mm; } body.paper-a5 { max-width: 128mm; } }
h1, h2, h3, p { margin: 0; }
.draft-mark { border: 2px solid #000; text-align: center; font-weight: bold; padding: 2mm; margin-bottom: 3mm; }
.letterhead { text-align: center; border-bottom: 2px solid #000; padding-bottom: 2mm; }
.clinic-name { font-size: 1.6rem; }
.clinic-name-bn { font-size: 1.2rem; }
.tagline, .contact { font-size: 0.9rem; }
.doctor { margin: 2mm 0; }
.doctor-name { font-size: 1.2rem; }
.qualifications, .specialty, .registration, .doctor-name-en { font-size: 0.9rem; }
table.patient { width: 100%; border-collapse: collapse; border-top: 1px solid #000; border-bottom: 1px solid #000; margin-bottom: 3mm; }
table.patient td { padding: 1mm 2mm 1mm 0; vertical-align: top; }
.label { font-weight: bold; }
.body { display: flex; gap: 5mm; }
.findings { flex: 0 0 35%; border-right: 1px solid #000; padding-right: 3mm; }
.rx { flex: 1; }
.rx-mark { font-size: 1.8rem; font-weight: bold; }
section { margin-bottom: 3mm; }
h3 { font-size: 1rem; }
ul { margin: 0; padding-left: 4mm; }
.vitals ul { list-style: none; padding-left: 0; }
ol.items { padding-left: 6mm; }
ol.items li { margin-bottom: 2.5mm; page-break-inside: avoid; break-inside: avoid; }
.drug { font-weight: bold; }
.dose { font-family: "DejaVu Sans Mono", monospace; font-weight: bold; letter-spacing: 0.05em; }
.instructions { font-style: italic; }
.free-text { white-space: pre-wrap; }
.follow-up { margin-top: 3mm; }
footer { margin-top: 12mm; }
.signature { text-align: right; border-top: 1px solid #000; width: 45mm; margin-left: auto; padding-top: 1mm; }
.footer-text { text-align: center; font-size: 0.8rem; margin-top: 4mm; }
)css";
    return css;
}

}  // namespace hub::opd
