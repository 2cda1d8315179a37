#pragma once
// The printable prescription: a self-contained HTML page built from plain
// values, so what the patient takes home is testable without a database.
//
// The hub's Content-Security-Policy is default-src 'self', which blocks inline
// <style> and style attributes; the page therefore links a stylesheet the hub
// serves itself (prescriptionStylesheet), which in turn loads the Bangla font
// from the hub. Nothing is fetched from the internet.
#include "hub/core/text.h"
#include "hub/domain/patient.h"
#include "hub/domain/visit.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::opd {

enum class Paper { A4, A5 };
std::string_view paperName(Paper paper);               // "a4", "a5"
std::optional<Paper> parsePaper(std::string_view name);

// Where the hub serves the page's assets (public routes).
inline constexpr std::string_view prescriptionStylesheetPath = "/assets/prescription.css";
inline constexpr std::string_view bengaliFontPath = "/fonts/noto-sans-bengali.ttf";  // hub/web serves it

struct PrescriptionPage {
    Paper paper = Paper::A4;
    // The patient's preferred language: the page is in it if the hub has the
    // words (domain::pageLanguage), else in English.
    domain::Language language = domain::Language::English;

    // Letterhead.
    std::string clinicName, clinicNameBn, clinicAddress, clinicPhone, clinicTagline, clinicFooter;

    // The doctor.
    std::string doctorName, doctorNameBn, qualifications, registrationNumber, specialty;

    // The patient.
    std::string patientName, mrn;
    std::optional<int> ageYears;
    domain::Sex sex = domain::Sex::Other;

    domain::Date date;  // of the visit, in the clinic's timezone
    bool draft = false;  // a draft prints with a "not final" mark
    domain::VisitContent content;
};

// The whole page. Every string from a user is HTML-escaped; dose notation is
// printed as stored; timings and durations are translated.
std::string renderPrescriptionHtml(const PrescriptionPage& page);

// The stylesheet for paper: @page size, print typography, the Bangla font.
std::string prescriptionStylesheet(Paper paper);

// The @font-face rule that loads the Bangla font from the hub, for every page
// the hub prints or shows to patients.
std::string bengaliFontFaceCss();

// Kept under this name for the printouts that call it (it lives in hub/core/text.h).
using hub::htmlEscape;

}  // namespace hub::opd
