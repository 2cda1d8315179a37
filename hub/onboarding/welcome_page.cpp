#include "hub/onboarding/welcome_page.h"

#include "hub/core/text.h"

namespace hub::onboarding {

namespace {

std::string link(std::string_view href, std::string_view text) {
    return "<a href=\"" + htmlEscape(href) + "\">" + htmlEscape(text) + "</a>";
}

std::string download(std::string_view href, std::string_view label, std::string_view hint) {
    return "<li><a class=\"download\" href=\"" + std::string(href) + "\">" + std::string(label) +
           "</a> <span class=\"hint\">" + std::string(hint) + "</span></li>\n";
}

std::string languageSwitch(Language current) {
    const auto item = [current](Language l, std::string_view name) {
        const std::string code(domain::languageName(l));
        return std::string("<a href=\"") + std::string(welcomePath) + "?lang=" + code + "\" lang=\"" + code +
               "\" hreflang=\"" + code + "\"" + (l == current ? " aria-current=\"page\"" : "") + ">" +
               std::string(name) + "</a>";
    };
    return "<nav class=\"language\">" + item(Language::English, "English") + " " + item(Language::Bangla, "বাংলা") +
           "</nav>\n";
}

}  // namespace

std::optional<Language> preferredLanguage(std::string_view acceptLanguage) {
    // Only the first tag matters ("bn-BD,bn;q=0.9,en;q=0.8"): that is the device's language.
    std::string_view first = acceptLanguage.substr(0, acceptLanguage.find_first_of(",;"));
    while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
    const auto language = domain::parseLanguage(first.substr(0, first.find('-')));
    if (!language || !domain::hasOwnWords(*language)) return std::nullopt;
    return language;
}

std::string renderWelcomeHtml(const WelcomePage& page) {
    const WelcomeText& t = welcomeText(page.language);
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"" + std::string(t.htmlLang) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" + std::string(t.title) + "</title>\n"
         "<link rel=\"stylesheet\" href=\"" + htmlEscape(page.stylesheetUrl) + "\">\n</head>\n<body>\n";
    h += "<header>\n" + languageSwitch(page.language) + "<h1>" + std::string(t.title) + "</h1>\n<p class=\"hub\">" +
         htmlEscape(page.hub.localName()) + "</p>\n</header>\n<main>\n";
    h += "<p>" + std::string(t.intro) + "</p>\n<p class=\"scope\">" + std::string(t.scope) + "</p>\n";

    h += "<section id=\"download\">\n<h2>" + std::string(t.downloadHeading) + "</h2>\n<ul class=\"downloads\">\n";
    h += download(rootDerPath, t.derLabel, t.derHint);
    h += download(trustProfilePath, t.profileLabel, t.profileHint);
    h += download(rootPemPath, t.pemLabel, t.pemHint);
    h += "</ul>\n</section>\n";

    h += "<section id=\"fingerprint\">\n<h2>" + std::string(t.fingerprintHeading) + "</h2>\n<p>" +
         std::string(t.fingerprintExplain) + "</p>\n<p class=\"fingerprint\"><code id=\"sha256\">" +
         htmlEscape(page.fingerprint) + "</code></p>\n<figure class=\"qr\"><img src=\"" +
         std::string(fingerprintQrPath) + "\" alt=\"" + std::string(t.fingerprintQrAlt) + "\" width=\"220\" "
         "height=\"220\"><figcaption>" + std::string(t.fingerprintQrNote) + "</figcaption></figure>\n</section>\n";

    h += "<section id=\"trust\">\n<h2>" + std::string(t.trustHeading) + "</h2>\n<p>" + std::string(t.trustHint) +
         "</p>\n";
    for (const auto& platform : t.platforms) {
        h += "<details id=\"" + std::string(platform.id) + "\">\n<summary>" + std::string(platform.name) +
             "</summary>\n<ol>\n";
        for (const auto& step : platform.steps) h += "<li>" + std::string(step) + "</li>\n";
        h += "</ol>\n</details>\n";
    }
    h += "</section>\n";

    h += "<section id=\"open\">\n<h2>" + std::string(t.openHeading) + "</h2>\n<p>" + std::string(t.openExplain) +
         "</p>\n<dl class=\"addresses\">\n<dt>" + std::string(t.byName) + "</dt>\n<dd>" +
         link(nameUrl(page.hub), nameUrl(page.hub)) + "</dd>\n";
    if (!page.hub.addresses.empty()) {
        h += "<dt>" + std::string(t.byAddress) + "</dt>\n";
        for (const auto& url : addressUrls(page.hub)) h += "<dd>" + link(url, url) + "</dd>\n";
    }
    h += "</dl>\n<p>" + std::string(t.stillWarning) + "</p>\n</section>\n</main>\n</body>\n</html>\n";
    return h;
}

}  // namespace hub::onboarding
