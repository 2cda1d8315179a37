#include "hub/slip/tracking_page.h"

#include "hub/core/text.h"
#include "hub/opd/prescription_print.h"

namespace hub::slip {
namespace {

using hub::htmlEscape;

struct Labels {
    domain::Language language;
    const char* title;
    const char* token;
    const char* next;
    const char* positionBefore;  // "You are number " N
    const char* positionAfter;   // " in line"
    const char* called;          // followed by the room
    const char* inConsultation;
    const char* done;
    const char* skipped;
    const char* cancelled;
    const char* nowServing;
    const char* wait;
    const char* about;            // "about " N
    const char* minutes;
    const char* doctor;
    const char* room;
    const char* refresh;
    const char* validToday;
};

constexpr Labels english{
    domain::Language::English, "Your turn", "Token", "You are next", "You are number ", " in line",
    "Your token has been called: please go to the doctor now", "You are with the doctor",
    "Your consultation is complete. Thank you!",
    "You were called but not found: please see the reception", "This token was cancelled: please see the reception",
    "Now serving", "Estimated wait", "about ", " minutes", "Doctor", "Room",
    "This page updates itself every 15 seconds.", "This link works until midnight today."};

constexpr Labels bangla{
    domain::Language::Bangla, "আপনার পালা", "টোকেন", "এর পরেই আপনার পালা", "লাইনে আপনি ", " নম্বরে",
    "আপনার টোকেন ডাকা হয়েছে: অনুগ্রহ করে এখনই ডাক্তারের কাছে যান", "আপনি এখন ডাক্তারের সাথে আছেন",
    "আপনার সাক্ষাৎ শেষ হয়েছে। ধন্যবাদ!",
    "আপনাকে ডাকা হয়েছিল কিন্তু পাওয়া যায়নি: অনুগ্রহ করে অভ্যর্থনায় যোগাযোগ করুন",
    "এই টোকেনটি বাতিল করা হয়েছে: অনুগ্রহ করে অভ্যর্থনায় যোগাযোগ করুন",
    "এখন চলছে", "আনুমানিক অপেক্ষা", "প্রায় ", " মিনিট", "ডাক্তার", "কক্ষ",
    "এই পাতাটি প্রতি ১৫ সেকেন্ডে নিজে থেকে হালনাগাদ হয়।", "এই লিংকটি আজ রাত ১২টা পর্যন্ত কাজ করবে।"};

std::string head(std::string_view lang, std::string_view title, int refreshSeconds) {
    std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang) +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"robots\" content=\"noindex\">\n";
    if (refreshSeconds > 0) h += "<meta http-equiv=\"refresh\" content=\"" + std::to_string(refreshSeconds) + "\">\n";
    h += "<title>" + htmlEscape(title) + "</title>\n<link rel=\"stylesheet\" href=\"" +
         std::string(trackingStylesheetPath) + "\">\n</head>\n<body>\n<main>\n";
    return h;
}

constexpr const char* tail = "</main>\n</body>\n</html>\n";

// The sentence that tells the patient what to do now.
std::string statusLine(const Labels& l, const TrackingView& v, bool bn) {
    auto digits = [&](int n) { return bn ? banglaDigits(std::to_string(n)) : std::to_string(n); };
    switch (v.state) {
        case domain::TokenState::Waiting:
            if (v.position == 1) return l.next;
            return std::string(l.positionBefore) + digits(v.position.value_or(0)) + l.positionAfter;
        case domain::TokenState::Called: return l.called;
        case domain::TokenState::InConsultation: return l.inConsultation;
        case domain::TokenState::Done: return l.done;
        case domain::TokenState::Skipped: return l.skipped;
        case domain::TokenState::Cancelled:
        case domain::TokenState::Transferred: return l.cancelled;
    }
    return l.cancelled;
}

// A page in both languages, for visitors whose language is unknown.
std::string bilingualPage(std::string_view titleEn, std::string_view textEn, std::string_view titleBn,
                          std::string_view textBn) {
    std::string h = head("en", titleEn, 0);
    h += "<section class=\"notice\" lang=\"en\"><h1>" + htmlEscape(titleEn) + "</h1><p>" + htmlEscape(textEn) +
         "</p></section>\n";
    h += "<section class=\"notice\" lang=\"bn\"><h1>" + htmlEscape(titleBn) + "</h1><p>" + htmlEscape(textBn) +
         "</p></section>\n";
    return h + tail;
}

}  // namespace

std::string renderTrackingPage(const TrackingView& v) {
    const bool bn = domain::pageLanguage(v.language) == domain::Language::Bangla;
    const Labels& l = bn ? bangla : english;
    auto local = [&](const std::string& text) { return bn ? banglaDigits(text) : text; };
    const bool waiting = v.state == domain::TokenState::Waiting || v.state == domain::TokenState::Called;

    std::string h = head(domain::languageName(l.language), l.title, waiting ? trackingRefreshSeconds : 0);
    h += "<p class=\"caption\">" + htmlEscape(l.token) + "</p>\n<p class=\"label\">" + htmlEscape(local(v.label)) +
         "</p>\n";
    h += "<p class=\"status state-" + std::string(domain::tokenStateName(v.state)) + "\">" +
         htmlEscape(statusLine(l, v, bn)) + "</p>\n<dl>\n";
    auto item = [&](const char* name, const std::string& value) {
        h += "<dt>" + htmlEscape(name) + "</dt><dd>" + htmlEscape(value) + "</dd>\n";
    };
    item(l.nowServing, v.nowServing ? local(*v.nowServing) : "\xE2\x80\x94");
    if (v.estimatedWaitMinutes)
        item(l.wait, std::string(l.about) + local(std::to_string(*v.estimatedWaitMinutes)) + l.minutes);
    if (!v.doctorName.empty()) item(l.doctor, v.doctorName);
    if (!v.room.empty()) item(l.room, local(v.room));
    h += "</dl>\n<p class=\"note\">";
    if (waiting) h += htmlEscape(l.refresh) + " ";
    h += htmlEscape(l.validToday) + "</p>\n";
    return h + tail;
}

std::string renderTrackingNotFoundPage() {
    return bilingualPage("This link is not valid",
                         "Tracking links work only on the day of the visit. Please ask at the reception.",
                         "এই লিংকটি আর কাজ করছে না",
                         "ট্র্যাকিং লিংক শুধু সাক্ষাতের দিনেই কাজ করে। অনুগ্রহ করে অভ্যর্থনায় জিজ্ঞাসা করুন।");
}

std::string renderTrackingBusyPage(int retryAfterSeconds) {
    const std::string n = std::to_string(retryAfterSeconds);
    return bilingualPage("Please wait a moment", "Too many requests from this network. Please try again in " + n +
                                                     " seconds.",
                         "একটু অপেক্ষা করুন",
                         "এই নেটওয়ার্ক থেকে অনেক বেশি অনুরোধ এসেছে। " + banglaDigits(n) +
                             " সেকেন্ড পরে আবার চেষ্টা করুন।");
}

std::string trackingStylesheet() {
    return opd::bengaliFontFaceCss() + R"css(html { font-size: 18px; }
body {
  font-family: "Noto Sans", "Noto Sans Bengali", "DejaVu Sans", Arial, sans-serif;
  margin: 0; color: #111; background: #f4f6f8; line-height: 1.4;
}
main { max-width: 28rem; margin: 0 auto; padding: 1.2rem; text-align: center; }
.caption { margin: 0.5rem 0 0; color: #555; }
.label { margin: 0; font-size: 3.4rem; font-weight: bold; letter-spacing: 0.02em; }
.status { margin: 0.6rem 0 1rem; padding: 0.8rem; border-radius: 0.5rem; background: #fff; font-size: 1.2rem; }
.state-called { background: #fde68a; font-weight: bold; }
.state-skipped, .state-cancelled { background: #fecaca; }
.state-done { background: #bbf7d0; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0.4rem 1rem; text-align: left;
     background: #fff; padding: 0.8rem 1rem; border-radius: 0.5rem; margin: 0; }
dt { color: #555; }
dd { margin: 0; font-weight: bold; }
.note { color: #555; font-size: 0.85rem; }
.notice { background: #fff; border-radius: 0.5rem; padding: 0.8rem 1rem; margin-bottom: 1rem; text-align: left; }
.notice h1 { font-size: 1.3rem; margin: 0 0 0.4rem; }
)css";
}

}  // namespace hub::slip
