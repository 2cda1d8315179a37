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
    const auto item = [current](Language l, std::string_view code, std::string_view name) {
        return std::string("<a href=\"") + std::string(welcomePath) + "?lang=" + std::string(code) + "\" lang=\"" +
               std::string(code) + "\" hreflang=\"" + std::string(code) + "\"" +
               (l == current ? " aria-current=\"page\"" : "") + ">" + std::string(name) + "</a>";
    };
    return "<nav class=\"language\">" + item(Language::English, "en", "English") + " " +
           item(Language::Bangla, "bn", "বাংলা") + "</nav>\n";
}

}  // namespace

std::optional<Language> parseLanguage(std::string_view code) {
    if (code == "en") return Language::English;
    if (code == "bn") return Language::Bangla;
    return std::nullopt;
}

std::optional<Language> preferredLanguage(std::string_view acceptLanguage) {
    // Only the first tag matters ("bn-BD,bn;q=0.9,en;q=0.8"): that is the device's language.
    std::string_view first = acceptLanguage.substr(0, acceptLanguage.find_first_of(",;"));
    while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
    return parseLanguage(first.substr(0, first.find('-')));
}

std::string renderWelcomeHtml(const WelcomePage& page) {
    const WelcomeText& t = welcomeText(page.language);
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"" + std::string(t.htmlLang) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" + std::string(t.title) + "</title>\n"
         "<link rel=\"stylesheet\" href=\"" + std::string(welcomeStylesheetPath) + "\">\n</head>\n<body>\n";
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

std::string welcomeStylesheet(std::string_view bengaliFontUrl) {
    return "@font-face { font-family: 'Noto Sans Bengali'; src: url('" + std::string(bengaliFontUrl) +
           "') format('truetype'); font-display: swap; }\n"
           R"css(:root { color-scheme: light; --accent: #0b6e4f; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, 'Noto Sans Bengali', sans-serif; line-height: 1.5; color: #1b1b1b;
       background: #f6f7f5; }
:lang(bn) body, body:lang(bn) { font-family: 'Noto Sans Bengali', system-ui, sans-serif; }
header { background: var(--accent); color: #fff; padding: 1rem 1.25rem; }
header h1 { margin: 0.25rem 0; font-size: 1.4rem; }
header .hub { margin: 0; opacity: 0.9; font-family: ui-monospace, monospace; }
nav.language { text-align: right; }
nav.language a { color: #fff; margin-left: 0.75rem; padding: 0.25rem 0.5rem; border-radius: 0.25rem; }
nav.language a[aria-current] { background: rgba(255, 255, 255, 0.2); text-decoration: none; font-weight: bold; }
main { max-width: 52rem; margin: 0 auto; padding: 0.5rem 1.25rem 2rem; }
section { background: #fff; border-radius: 0.5rem; padding: 0.75rem 1.25rem; margin: 1rem 0;
          box-shadow: 0 1px 2px rgba(0, 0, 0, 0.08); }
h2 { font-size: 1.15rem; color: var(--accent); }
.scope { color: #4a4a4a; font-size: 0.95rem; }
ul.downloads { list-style: none; padding: 0; }
ul.downloads li { margin: 0.6rem 0; }
a.download { display: inline-block; min-width: 15rem; padding: 0.6rem 1rem; border-radius: 0.4rem;
             background: var(--accent); color: #fff; text-decoration: none; font-weight: bold; }
.hint { display: inline-block; color: #4a4a4a; font-size: 0.9rem; margin: 0.25rem 0.5rem; }
.fingerprint code { display: block; padding: 0.6rem; background: #f0f3ef; border-radius: 0.3rem;
                    font-size: 0.95rem; overflow-wrap: anywhere; letter-spacing: 0.02em; }
figure.qr { margin: 0.5rem 0; }
figure.qr img { width: 220px; height: 220px; image-rendering: pixelated; }
figure.qr figcaption { color: #4a4a4a; font-size: 0.9rem; }
details { border: 1px solid #d7ddd5; border-radius: 0.4rem; margin: 0.5rem 0; padding: 0 0.75rem; }
details[open] { padding-bottom: 0.5rem; }
summary { cursor: pointer; font-weight: bold; padding: 0.6rem 0; font-size: 1.05rem; }
ol li { margin: 0.4rem 0; }
:lang(bn) ol { list-style-type: bengali; }
code { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
dl.addresses dt { font-weight: bold; margin-top: 0.5rem; }
dl.addresses dd { margin: 0.25rem 0 0.25rem 1rem; font-family: ui-monospace, monospace; font-size: 1.05rem;
                  overflow-wrap: anywhere; }
@media (min-width: 48rem) { header h1 { font-size: 1.8rem; } }
)css";
}

}  // namespace hub::onboarding
