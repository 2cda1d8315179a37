// The printable prescription as a pure function of plain values.
#include "hub/opd/prescription_print.h"

#include "support/catch.h"

using namespace hub;
using hub::opd::Paper;
using hub::opd::PrescriptionPage;

namespace {

PrescriptionPage samplePage(const std::string& language) {
    PrescriptionPage p;
    p.language = *domain::parseLanguage(language);
    p.clinicName = "Shanti Clinic";
    p.clinicNameBn = "শান্তি ক্লিনিক";
    p.clinicAddress = "12 Mirpur Road, Dhaka";
    p.clinicPhone = "+8801711000000";
    p.clinicTagline = "Caring since 1998";
    p.clinicFooter = "Open Sat-Thu";
    p.doctorName = "Dr. Abdur Rahman";
    p.doctorNameBn = "ডাঃ আব্দুর রহমান";
    p.qualifications = "MBBS, FCPS (Medicine)";
    p.registrationNumber = "BMDC A-12345";
    p.patientName = "Rokeya Begum";
    p.mrn = "25-000042";
    p.ageYears = 42;
    p.sex = domain::Sex::Female;
    p.date = {2025, 11, 24};
    auto& c = p.content;
    c.vitals.bpSystolic = 130;
    c.vitals.bpDiastolic = 85;
    c.vitals.temperatureF = 100.4;
    c.complaints = "Fever\nHeadache";
    c.diagnoses = {{"Viral fever", "B34.9"}};
    domain::PrescriptionItem item;
    item.drug = "Paracetamol";
    item.strength = "500 mg";
    item.form = "tablet";
    item.dose = "1+1+1";
    item.timing = domain::MealTiming::AfterMeal;
    item.duration = {domain::Duration::Unit::Days, 5};
    item.instructions = "if fever > 100°F";
    c.prescription = {item};
    item.drug = "Omeprazole";
    item.dose = "\xC2\xBD+0+\xC2\xBD";
    item.timing = domain::MealTiming::BeforeMeal;
    item.duration = {domain::Duration::Unit::Continue, 0};
    item.instructions = "";
    c.prescription.push_back(item);
    c.advice = "Drink plenty of water";
    c.followUpDate = domain::Date{2025, 12, 1};
    return p;
}

bool has(const std::string& html, const std::string& text) { return html.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("an English prescription has the letterhead, doctor, patient, vitals and Rx", "[print]") {
    const std::string html = opd::renderPrescriptionHtml(samplePage("en"));
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(has(html, "<html lang=\"en\">"));
    for (const char* text : {"Shanti Clinic", "শান্তি ক্লিনিক", "12 Mirpur Road, Dhaka", "Caring since 1998",
                             "Dr. Abdur Rahman", "MBBS, FCPS (Medicine)", "Reg. No.: BMDC A-12345", "Rokeya Begum",
                             "25-000042", "42 years", "Female", "24-11-2025", "130/85", "100.4", "Viral fever",
                             "(B34.9)", "Paracetamol 500 mg tablet", "1+1+1", "after meal", "5 days",
                             "\xC2\xBD+0+\xC2\xBD", "before meal", "continue", "Drink plenty of water", "Follow-up",
                             "01-12-2025", "Diagnosis", "Advice", "Open Sat-Thu"})
        CHECK(has(html, text));
    CHECK(has(html, "if fever &gt; 100°F"));
}

TEST_CASE("a Bangla prescription labels everything in Bangla but prints the dose as written", "[print]") {
    const std::string html = opd::renderPrescriptionHtml(samplePage("bn"));
    CHECK(has(html, "<html lang=\"bn\">"));
    for (const char* text : {"রোগনির্ণয়", "পরামর্শ", "পরবর্তী সাক্ষাৎ", "বয়স", "৪২ বছর", "মহিলা", "খাবারের পরে",
                             "খাবারের আগে", "৫ দিন", "চলবে", "২৪-১১-২০২৫", "ডাঃ আব্দুর রহমান", "রেজিঃ নং", "1+1+1"})
        CHECK(has(html, text));
    CHECK_FALSE(has(html, "Diagnosis"));
}

TEST_CASE("a patient who prefers a language the hub has no words in gets an English page", "[print]") {
    const std::string html = opd::renderPrescriptionHtml(samplePage("hi"));
    CHECK(has(html, "<html lang=\"en\">"));
    CHECK(has(html, "Diagnosis"));
}

TEST_CASE("every user-provided string is escaped", "[print]") {
    PrescriptionPage p = samplePage("en");
    p.patientName = "<script>alert('x')</script>";
    p.clinicName = "A & B \"Clinic\"";
    p.content.prescription[0].drug = "<img src=x onerror=alert(1)>";
    p.content.diagnoses[0].icd10 = "</span>";
    p.content.advice = "<b>bold</b>";
    const std::string html = opd::renderPrescriptionHtml(p);
    CHECK_FALSE(has(html, "<script>"));
    CHECK_FALSE(has(html, "<img"));
    CHECK_FALSE(has(html, "<b>"));
    CHECK(has(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    CHECK(has(html, "A &amp; B &quot;Clinic&quot;"));
    CHECK(opd::htmlEscape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
}

TEST_CASE("the page uses no inline styles or scripts, so the hub's CSP allows it", "[print]") {
    const std::string html = opd::renderPrescriptionHtml(samplePage("bn"));
    CHECK_FALSE(has(html, "<style"));
    CHECK_FALSE(has(html, "style="));
    CHECK_FALSE(has(html, "<script"));
    CHECK_FALSE(has(html, "http://"));
    CHECK_FALSE(has(html, "https://"));
    CHECK(has(html, "<link rel=\"stylesheet\" href=\"/assets/prescription.css?paper=a4\">"));
}

TEST_CASE("the stylesheet sets the paper size and loads the bundled Bangla font", "[print]") {
    const std::string a4 = opd::prescriptionStylesheet(Paper::A4);
    const std::string a5 = opd::prescriptionStylesheet(Paper::A5);
    CHECK(has(a4, "size: A4"));
    CHECK(has(a5, "size: A5"));
    CHECK(has(a5, "url(\"/fonts/noto-sans-bengali.ttf\")"));
    CHECK(has(a4, "font-family: \"Noto Sans Bengali\""));
    CHECK_FALSE(has(a4, "http"));
    CHECK(opd::parsePaper("a5") == Paper::A5);
    CHECK_FALSE(opd::parsePaper("letter"));
}

TEST_CASE("a draft prints with a not-final mark and empty sections are left out", "[print]") {
    PrescriptionPage p = samplePage("en");
    p.draft = true;
    p.content.advice.clear();
    p.content.followUpDate.reset();
    p.content.vitals = {};
    p.ageYears.reset();
    const std::string html = opd::renderPrescriptionHtml(p);
    CHECK(has(html, "DRAFT"));
    CHECK_FALSE(has(html, "Advice"));
    CHECK_FALSE(has(html, "Follow-up"));
    CHECK_FALSE(has(html, "Vitals"));
}
