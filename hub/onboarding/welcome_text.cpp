#include "hub/onboarding/welcome_text.h"

namespace hub::onboarding {

namespace {

const WelcomeText english{
    "en",
    "Set up this device for Clinic Hub",
    "Clinic Hub keeps the clinic&#39;s records on a small box on this network and talks to your browser only "
    "over an encrypted connection. For your browser to trust that connection, install the hub&#39;s own "
    "certificate on this device once. It takes about two minutes.",
    "The certificate only vouches for this hub&#39;s <code>.local</code> names and private network addresses: "
    "it cannot be used to pretend to be a website on the internet.",
    "1. Download the hub&#39;s certificate",
    "Certificate (.crt)",
    "Android, Windows, ChromeOS, Mac",
    "Profile (.mobileconfig)",
    "iPhone, iPad, Mac",
    "Certificate as PEM text (.pem)",
    "Linux, Firefox and other programs",
    "2. Check the fingerprint",
    "This is the certificate&#39;s SHA-256 fingerprint. It must match the fingerprint written on the hub "
    "box&#39;s label (the technician can also show it with <code>clinic-hub status</code>). If it does not "
    "match, stop and call your technician: another device may be pretending to be the hub.",
    "The same fingerprint as a QR code, for a phone&#39;s QR reader.",
    "QR code of the certificate fingerprint",
    "3. Trust it on this device",
    "Open the part for your device. Menu names differ a little between makers and versions.",
    {
        {"android",
         "Android",
         {
             "Tap <b>Certificate (.crt)</b> above; the file <code>clinic-hub-root-ca.crt</code> is saved in "
             "Downloads.",
             "Open <b>Settings &rarr; Security &rarr; More security settings &rarr; Encryption &amp; credentials "
             "&rarr; Install a certificate &rarr; CA certificate</b>. On Samsung: <b>Settings &rarr; Security and "
             "privacy &rarr; More security settings &rarr; Install from device storage &rarr; CA certificate</b>. "
             "Or search Settings for &quot;CA certificate&quot;.",
             "Tap <b>Install anyway</b>, unlock with your PIN or pattern (Android asks for a screen lock) and "
             "pick <code>clinic-hub-root-ca.crt</code>.",
             "To check: <b>Encryption &amp; credentials &rarr; Trusted credentials &rarr; User</b> lists "
             "<b>Clinic Hub Local Root CA</b>. Tap it and compare its SHA-256 fingerprint with step 2.",
             "Open the hub in Chrome (the addresses are in step 4).",
         }},
        {"ios",
         "iPhone / iPad",
         {
             "Open this page in <b>Safari</b> (other browsers cannot install profiles) and tap <b>Profile "
             "(.mobileconfig)</b>. Tap <b>Allow</b>, then <b>Close</b>.",
             "Open <b>Settings</b> and tap <b>Profile Downloaded</b> near the top (or <b>General &rarr; VPN &amp; "
             "Device Management</b>). Tap <b>Install</b>, enter your passcode and tap <b>Install</b> again.",
             "Open <b>Settings &rarr; General &rarr; About &rarr; Certificate Trust Settings</b>, switch on "
             "<b>Clinic Hub Local Root CA</b> and tap <b>Continue</b>. Without this step Safari still warns.",
             "To check: in <b>VPN &amp; Device Management</b> tap the profile, then <b>More Details</b>: the "
             "SHA-256 fingerprint must match step 2.",
         }},
        {"windows",
         "Windows",
         {
             "Click <b>Certificate (.crt)</b> above and open the downloaded file.",
             "Click <b>Install Certificate&hellip;</b>, choose <b>Local Machine</b> (for every user; needs an "
             "administrator) or <b>Current User</b>, then <b>Next</b>.",
             "Choose <b>Place all certificates in the following store &rarr; Browse &rarr; Trusted Root "
             "Certification Authorities</b>, then <b>OK &rarr; Next &rarr; Finish</b>, and <b>Yes</b> to the "
             "security warning.",
             "To check, in PowerShell: <code>Get-FileHash $HOME\\Downloads\\clinic-hub-root-ca.crt</code> prints "
             "the fingerprint of step 2 without the colons.",
             "Close the browser and open it again. Chrome and Edge use the Windows store; Firefox has its own "
             "(<b>Settings &rarr; Privacy &amp; Security &rarr; Certificates &rarr; View Certificates &rarr; "
             "Authorities &rarr; Import</b>, tick <b>Trust this CA to identify websites</b>).",
         }},
        {"macos",
         "macOS",
         {
             "Click <b>Certificate (.crt)</b> above and open the downloaded file: <b>Keychain Access</b> opens. "
             "Add it to the <b>System</b> keychain and enter your password.",
             "In Keychain Access select <b>System</b>, double-click <b>Clinic Hub Local Root CA</b>, open "
             "<b>Trust</b> and set <b>When using this certificate</b> to <b>Always Trust</b>. Close the window "
             "and enter your password.",
             "Or use the <b>Profile (.mobileconfig)</b>: open it, then in <b>System Settings &rarr; Privacy &amp; "
             "Security &rarr; Profiles</b> (macOS 15: <b>General &rarr; Device Management</b>) double-click the "
             "profile and click <b>Install</b>.",
             "To check: the certificate&#39;s details in Keychain Access show the SHA-256 fingerprint of step 2. "
             "Then quit the browser and open it again.",
         }},
        {"chromeos",
         "ChromeOS",
         {
             "Click <b>Certificate (.crt)</b> above; the file is saved in Downloads.",
             "Open <code>chrome://settings/certificates</code> (or <b>Settings &rarr; Privacy and security &rarr; "
             "Security &rarr; Manage certificates</b>), choose the <b>Authorities</b> tab and click "
             "<b>Import</b>.",
             "Pick <code>clinic-hub-root-ca.crt</code>, tick <b>Trust this certificate for identifying "
             "websites</b> and click <b>OK</b>.",
             "To check: under <b>org-Clinic Hub</b> click <b>View</b> on the certificate: the SHA-256 "
             "fingerprint must match step 2.",
         }},
    },
    "4. Open the hub",
    "Bookmark one of these addresses. Try the name first; if the page does not open (Android older than 12, "
    "or a phone with Private DNS switched on, cannot find <code>.local</code> names), use the number address.",
    "By name",
    "By number address",
    "If the browser still shows a certificate warning, close it completely and open it again.",
};

const WelcomeText bangla{
    "bn",
    "ক্লিনিক হাবের জন্য এই ডিভাইস প্রস্তুত করুন",
    "ক্লিনিক হাব ক্লিনিকের তথ্য এই নেটওয়ার্কের একটি ছোট বাক্সে রাখে এবং আপনার ব্রাউজারের সাথে শুধু "
    "এনক্রিপ্ট করা সংযোগে কথা বলে। ব্রাউজার যেন এই সংযোগকে বিশ্বাস করে, সেজন্য এই ডিভাইসে হাবের নিজস্ব "
    "সার্টিফিকেট একবার ইনস্টল করুন। এতে প্রায় দুই মিনিট লাগে।",
    "এই সার্টিফিকেট শুধু এই হাবের <code>.local</code> নাম ও প্রাইভেট নেটওয়ার্ক ঠিকানার জন্য প্রযোজ্য: "
    "ইন্টারনেটের কোনো ওয়েবসাইট সেজে থাকতে এটি ব্যবহার করা যায় না।",
    "১. হাবের সার্টিফিকেট ডাউনলোড করুন",
    "সার্টিফিকেট (.crt)",
    "অ্যান্ড্রয়েড, উইন্ডোজ, ক্রোমওএস, ম্যাক",
    "প্রোফাইল (.mobileconfig)",
    "আইফোন, আইপ্যাড, ম্যাক",
    "PEM টেক্সট হিসেবে সার্টিফিকেট (.pem)",
    "লিনাক্স, ফায়ারফক্স ও অন্যান্য প্রোগ্রাম",
    "২. ফিঙ্গারপ্রিন্ট মিলিয়ে নিন",
    "এটি সার্টিফিকেটের SHA-256 ফিঙ্গারপ্রিন্ট। হাব বাক্সের লেবেলে লেখা ফিঙ্গারপ্রিন্টের সাথে এটি হুবহু "
    "মিলতে হবে (টেকনিশিয়ান <code>clinic-hub status</code> দিয়েও এটি দেখাতে পারেন)। না মিললে থামুন এবং "
    "টেকনিশিয়ানকে ফোন করুন: হয়তো অন্য কোনো ডিভাইস হাব সেজে আছে।",
    "একই ফিঙ্গারপ্রিন্ট, QR কোড হিসেবে — ফোনের QR রিডার দিয়ে পড়া যায়।",
    "সার্টিফিকেট ফিঙ্গারপ্রিন্টের QR কোড",
    "৩. এই ডিভাইসে সার্টিফিকেটটিকে বিশ্বাসযোগ্য করুন",
    "আপনার ডিভাইসের অংশটি খুলুন। নির্মাতা ও সংস্করণভেদে মেনুর নাম কিছুটা আলাদা হতে পারে; মেনুর নাম "
    "ইংরেজিতে দেওয়া হলো, বেশির ভাগ ডিভাইসে যেমন দেখায়।",
    {
        {"android",
         "অ্যান্ড্রয়েড",
         {
             "ওপরের <b>সার্টিফিকেট (.crt)</b>-এ চাপুন; <code>clinic-hub-root-ca.crt</code> ফাইলটি Downloads-এ "
             "জমা হবে।",
             "খুলুন <b>Settings &rarr; Security &rarr; More security settings &rarr; Encryption &amp; credentials "
             "&rarr; Install a certificate &rarr; CA certificate</b>। স্যামসাং ফোনে: <b>Settings &rarr; Security "
             "and privacy &rarr; More security settings &rarr; Install from device storage &rarr; CA "
             "certificate</b>। অথবা Settings-এ &quot;CA certificate&quot; লিখে খুঁজুন।",
             "<b>Install anyway</b> চাপুন, পিন বা প্যাটার্ন দিয়ে আনলক করুন (অ্যান্ড্রয়েড স্ক্রিন লক চায়), তারপর "
             "<code>clinic-hub-root-ca.crt</code> বেছে নিন।",
             "যাচাই করতে: <b>Encryption &amp; credentials &rarr; Trusted credentials &rarr; User</b>-এ <b>Clinic "
             "Hub Local Root CA</b> দেখা যাবে। এতে চেপে এর SHA-256 ফিঙ্গারপ্রিন্ট ধাপ ২-এর সাথে মিলিয়ে নিন।",
             "Chrome-এ হাব খুলুন (ঠিকানাগুলো ধাপ ৪-এ আছে)।",
         }},
        {"ios",
         "আইফোন / আইপ্যাড",
         {
             "এই পাতাটি <b>Safari</b>-তে খুলুন (অন্য ব্রাউজার প্রোফাইল ইনস্টল করতে পারে না) এবং <b>প্রোফাইল "
             "(.mobileconfig)</b>-এ চাপুন। <b>Allow</b>, তারপর <b>Close</b> চাপুন।",
             "<b>Settings</b> খুলে ওপরের দিকে <b>Profile Downloaded</b>-এ চাপুন (অথবা <b>General &rarr; VPN &amp; "
             "Device Management</b>)। <b>Install</b> চাপুন, পাসকোড দিন এবং আবার <b>Install</b> চাপুন।",
             "<b>Settings &rarr; General &rarr; About &rarr; Certificate Trust Settings</b> খুলে <b>Clinic Hub "
             "Local Root CA</b> চালু করুন এবং <b>Continue</b> চাপুন। এই ধাপ ছাড়া Safari তখনও সতর্কবার্তা "
             "দেখাবে।",
             "যাচাই করতে: <b>VPN &amp; Device Management</b>-এ প্রোফাইলটিতে চেপে <b>More Details</b> খুলুন: "
             "SHA-256 ফিঙ্গারপ্রিন্ট ধাপ ২-এর সাথে মিলতে হবে।",
         }},
        {"windows",
         "উইন্ডোজ",
         {
             "ওপরের <b>সার্টিফিকেট (.crt)</b>-এ ক্লিক করে ডাউনলোড হওয়া ফাইলটি খুলুন।",
             "<b>Install Certificate&hellip;</b>-এ ক্লিক করুন, <b>Local Machine</b> (সব ব্যবহারকারীর জন্য; "
             "অ্যাডমিনিস্ট্রেটর লাগবে) অথবা <b>Current User</b> বেছে নিয়ে <b>Next</b> চাপুন।",
             "<b>Place all certificates in the following store &rarr; Browse &rarr; Trusted Root Certification "
             "Authorities</b> বেছে নিন, তারপর <b>OK &rarr; Next &rarr; Finish</b> চাপুন এবং নিরাপত্তা "
             "সতর্কবার্তায় <b>Yes</b> চাপুন।",
             "যাচাই করতে PowerShell-এ চালান: <code>Get-FileHash $HOME\\Downloads\\clinic-hub-root-ca.crt</code> — "
             "এটি ধাপ ২-এর ফিঙ্গারপ্রিন্টটি কোলন ছাড়া দেখাবে।",
             "ব্রাউজার বন্ধ করে আবার খুলুন। Chrome ও Edge উইন্ডোজের স্টোর ব্যবহার করে; Firefox-এর নিজস্ব স্টোর "
             "আছে (<b>Settings &rarr; Privacy &amp; Security &rarr; Certificates &rarr; View Certificates &rarr; "
             "Authorities &rarr; Import</b>, তারপর <b>Trust this CA to identify websites</b> টিক দিন)।",
         }},
        {"macos",
         "ম্যাক (macOS)",
         {
             "ওপরের <b>সার্টিফিকেট (.crt)</b>-এ ক্লিক করে ডাউনলোড হওয়া ফাইলটি খুলুন: <b>Keychain Access</b> "
             "খুলবে। এটিকে <b>System</b> কিচেইনে যোগ করুন এবং পাসওয়ার্ড দিন।",
             "Keychain Access-এ <b>System</b> বেছে নিয়ে <b>Clinic Hub Local Root CA</b>-তে ডাবল-ক্লিক করুন, "
             "<b>Trust</b> খুলে <b>When using this certificate</b>-কে <b>Always Trust</b> করুন। উইন্ডো বন্ধ করে "
             "পাসওয়ার্ড দিন।",
             "অথবা <b>প্রোফাইল (.mobileconfig)</b> ব্যবহার করুন: ফাইলটি খুলুন, তারপর <b>System Settings &rarr; "
             "Privacy &amp; Security &rarr; Profiles</b>-এ (macOS 15-এ <b>General &rarr; Device Management</b>) "
             "প্রোফাইলটিতে ডাবল-ক্লিক করে <b>Install</b> চাপুন।",
             "যাচাই করতে: Keychain Access-এ সার্টিফিকেটের বিবরণে SHA-256 ফিঙ্গারপ্রিন্ট ধাপ ২-এর সাথে মিলিয়ে "
             "নিন। তারপর ব্রাউজার বন্ধ করে আবার খুলুন।",
         }},
        {"chromeos",
         "ক্রোমবুক (ChromeOS)",
         {
             "ওপরের <b>সার্টিফিকেট (.crt)</b>-এ ক্লিক করুন; ফাইলটি Downloads-এ জমা হবে।",
             "<code>chrome://settings/certificates</code> খুলুন (অথবা <b>Settings &rarr; Privacy and security "
             "&rarr; Security &rarr; Manage certificates</b>), <b>Authorities</b> ট্যাব বেছে নিয়ে <b>Import</b> "
             "চাপুন।",
             "<code>clinic-hub-root-ca.crt</code> বেছে নিন, <b>Trust this certificate for identifying "
             "websites</b> টিক দিয়ে <b>OK</b> চাপুন।",
             "যাচাই করতে: <b>org-Clinic Hub</b>-এর নিচে সার্টিফিকেটটির <b>View</b>-এ ক্লিক করুন: SHA-256 "
             "ফিঙ্গারপ্রিন্ট ধাপ ২-এর সাথে মিলতে হবে।",
         }},
    },
    "৪. হাব খুলুন",
    "এই ঠিকানাগুলোর একটি বুকমার্ক করে রাখুন। প্রথমে নামের ঠিকানাটি চেষ্টা করুন; পাতা না খুললে "
    "(অ্যান্ড্রয়েড ১২-এর আগের সংস্করণ বা Private DNS চালু থাকা ফোন <code>.local</code> নাম খুঁজে পায় না) "
    "সংখ্যার ঠিকানাটি ব্যবহার করুন।",
    "নাম দিয়ে",
    "সংখ্যার ঠিকানা দিয়ে",
    "ব্রাউজার তখনও সার্টিফিকেট সতর্কবার্তা দেখালে সেটি পুরোপুরি বন্ধ করে আবার খুলুন।",
};

}  // namespace

const WelcomeText& welcomeText(Language language) {
    return domain::pageLanguage(language) == Language::Bangla ? bangla : english;
}

}  // namespace hub::onboarding
