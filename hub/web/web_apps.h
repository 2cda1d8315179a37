#pragma once
// Every browser app the hub serves, one line each. An app is a folder under the
// web root (`[web] root`, installed as /usr/share/clinic-hub/www/<folder>) and
// the URL its files are served under; nothing else is needed to add one
// (docs/webapp.md, "Adding a web app").
#include <span>
#include <string_view>

namespace hub::web {

struct WebApp {
    std::string_view folder;  // under the web root, e.g. "staff"
    std::string_view url;     // its files: <url>/<version>/<file> (or <url>/<file> when not versioned)
    // Versioned: every URL carries the app's content hash, so its answers are
    // immutable and a new hub version changes every URL at once. Unversioned
    // files (fonts, which stylesheets of several apps name) are revalidated.
    bool versioned = true;
    // Also served on the plain-HTTP port: files a device needs before it trusts
    // the hub's root (the welcome page's stylesheet, the Bangla font).
    bool plainHttp = false;
};

inline constexpr WebApp webApps[] = {
    {"staff", "/app"},                       // the staff web app; its page is "/"
    {"display", "/display/assets"},          // the waiting-room TV page; its page is /display/{key}
    {"welcome", "/welcome/assets", true, true},  // the onboarding page's stylesheet
    {"fonts", "/fonts", false, true},        // Noto Sans and Noto Sans Bengali (fonts-noto-core)
};

}  // namespace hub::web
