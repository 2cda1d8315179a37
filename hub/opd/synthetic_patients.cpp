#include "hub/opd/synthetic_patients.h"

#include "hub/store/patient_repository.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace hub::opd {
namespace {

using sv = std::string_view;

// Bangladesh, in Bangla script.
constexpr sv bnMale[] = {"করিম",  "রহিম",   "জামাল",  "কামাল",  "আনোয়ার", "হাসান",  "রফিক",   "শফিক",
                         "মাহমুদ", "সাইফুল", "আরিফ",   "তানভীর", "নাজমুল", "মিজানুর", "হাবিবুর", "আব্দুল",
                         "সুমন",   "রাজু",   "বিপ্লব", "প্রদীপ", "সুব্রত", "জসিম",   "আলমগীর", "শহিদুল"};
constexpr sv bnFemale[] = {"রহিমা",  "ফাতেমা", "আয়েশা",  "নাসরিন", "শাহনাজ", "রোকসানা", "সালমা",  "পারভীন",
                           "মরিয়ম",  "সুমাইয়া", "তাহমিনা", "শিরিন",  "রুমানা", "জেসমিন", "মৌসুমী", "দীপা",
                           "সুমি",   "লাকি",   "হালিমা",  "কুলসুম"};
constexpr sv bnMaleSurname[] = {"হোসেন", "আহমেদ", "ইসলাম", "রহমান", "উদ্দিন", "মিয়া", "খান",
                                "চৌধুরী", "সরকার", "দাস",   "পাল",   "রায়",    "মন্ডল", "শেখ"};
constexpr sv bnFemaleSurname[] = {"বেগম", "খাতুন", "আক্তার", "সুলতানা", "পারভীন", "দাস", "রায়", "ইসলাম"};

// Bangladesh, in English.
constexpr sv enBdMale[] = {"Mohammad", "Abdul", "Karim", "Rahim",  "Jamal",  "Kamal",   "Hasan",   "Rafiq",
                           "Arif",     "Tanvir", "Nazmul", "Habibur", "Sumon", "Jashim", "Alamgir", "Shahidul"};
constexpr sv enBdFemale[] = {"Rahima", "Fatema",  "Ayesha", "Nasrin", "Shahnaz", "Salma", "Parveen", "Maryam",
                             "Tahmina", "Shirin", "Rumana", "Jasmine", "Halima", "Kulsum", "Mousumi", "Dipa"};
constexpr sv enBdMaleSurname[] = {"Hossain", "Ahmed", "Islam", "Rahman", "Uddin", "Miah", "Khan",
                                  "Chowdhury", "Sarkar", "Das", "Paul", "Roy", "Mondal", "Sheikh"};
constexpr sv enBdFemaleSurname[] = {"Begum", "Khatun", "Akter", "Sultana", "Parvin", "Das", "Roy", "Islam"};

// India, in English.
constexpr sv enInMale[] = {"Rajesh", "Suresh", "Amit",  "Rahul", "Vikram", "Sanjay", "Anil", "Pradeep",
                           "Arjun",  "Ravi",   "Manoj", "Deepak", "Sunil", "Ashok",  "Vijay", "Imran"};
constexpr sv enInFemale[] = {"Priya", "Sunita", "Anjali", "Pooja", "Kavita", "Lakshmi", "Meena", "Deepa",
                             "Rekha", "Neha",   "Asha",   "Geeta", "Shabana", "Radha",  "Savita", "Nisha"};
constexpr sv enInSurname[] = {"Sharma", "Singh", "Kumar", "Patel", "Gupta", "Reddy", "Nair", "Iyer",
                              "Banerjee", "Chatterjee", "Mukherjee", "Yadav", "Verma", "Ghosh", "Ansari"};

constexpr sv bdPlaces[] = {"Dhanmondi, Dhaka", "Mirpur 10, Dhaka", "Uttara, Dhaka",       "Agrabad, Chattogram",
                           "Zindabazar, Sylhet", "Shaheb Bazar, Rajshahi", "Gafargaon, Mymensingh",
                           "Charpara, Mymensingh", "Sonadanga, Khulna", "Kotwali, Cumilla"};
constexpr sv bnPlaces[] = {"ধানমন্ডি, ঢাকা", "মিরপুর ১০, ঢাকা", "গফরগাঁও, ময়মনসিংহ", "আগ্রাবাদ, চট্টগ্রাম",
                           "জিন্দাবাজার, সিলেট"};
constexpr sv inPlaces[] = {"Salt Lake, Kolkata", "Howrah",        "Siliguri",         "Karol Bagh, New Delhi",
                           "Andheri East, Mumbai", "Jayanagar, Bengaluru", "Guwahati", "Agartala"};

constexpr sv allergies[] = {"Penicillin", "Sulfa drugs", "NSAIDs", "Dust", "Seafood", "Peanuts"};

// Per-condition chance, in percent, for an adult over 35.
struct Prevalence {
    sv code;
    int percent;
};
constexpr Prevalence olderAdults[] = {{"diabetes", 15}, {"hypertension", 20}, {"asthma", 4}, {"copd", 3},
                                      {"ckd", 2},       {"heart_disease", 4}, {"thyroid", 4}, {"arthritis", 6}};

int daysIn(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

std::size_t SyntheticPatients::pick(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }

bool SyntheticPatients::chance(int percent) { return static_cast<int>(rng_() % 100) < percent; }

std::string SyntheticPatients::mobile(bool india) {
    // BD: +880 1[3-9] and eight digits; IN: +91 [6-9] and nine digits.
    std::string number = india ? "+91" + std::to_string(6 + pick(4)) : "+8801" + std::to_string(3 + pick(7));
    const int rest = india ? 9 : 8;
    for (int i = 0; i < rest; ++i) number += static_cast<char>('0' + pick(10));
    return number;
}

domain::Patient SyntheticPatients::next(const domain::Date& today) {
    auto any = [this](const auto& list) { return std::string(list[pick(std::size(list))]); };
    domain::Patient p;
    const bool india = chance(25);
    const bool banglaScript = !india && chance(50);
    const bool female = chance(52);
    p.sex = chance(1) ? domain::Sex::Other : female ? domain::Sex::Female : domain::Sex::Male;

    auto nameOf = [&](bool isFemale) {
        std::string name;
        if (india) {
            name = std::string(isFemale ? any(enInFemale) : any(enInMale));
            name += " " + any(enInSurname);
        } else if (banglaScript) {
            if (!isFemale && chance(30)) name = "মোহাম্মদ ";
            name += std::string(isFemale ? any(bnFemale) : any(bnMale));
            name += " " + std::string(isFemale ? any(bnFemaleSurname) : any(bnMaleSurname));
        } else {
            if (!isFemale && chance(30)) name = "Md ";
            name += std::string(isFemale ? any(enBdFemale) : any(enBdMale));
            name += " " + std::string(isFemale ? any(enBdFemaleSurname) : any(enBdMaleSurname));
        }
        return name;
    };
    p.name = nameOf(p.sex == domain::Sex::Female);

    // Ages 0-90, weighted towards working-age adults as in an OPD.
    const int age = chance(20) ? static_cast<int>(pick(18)) : 18 + static_cast<int>(pick(73));
    if (chance(50)) {
        p.birthDate = domain::approximateBirthDate(age, today);
        p.birthDateApproximate = true;
    } else {
        domain::Date birth = domain::approximateBirthDate(age, today);
        // A day within the year before that date keeps the age exact.
        int back = static_cast<int>(pick(360));
        while (back-- > 0) {
            if (--birth.day == 0) {
                if (--birth.month == 0) {
                    birth.month = 12;
                    --birth.year;
                }
                birth.day = daysIn(birth.year, birth.month);
            }
        }
        p.birthDate = birth;
    }

    p.phones.push_back(mobile(india));
    if (chance(15)) {
        std::string second = mobile(india);
        if (second != p.phones.front()) p.phones.push_back(second);
    }

    const std::string houseNo = std::to_string(1 + pick(120));
    p.address = banglaScript && chance(50) ? "বাড়ি " + houseNo + ", " + any(bnPlaces)
                : india ? houseNo + ", " + any(inPlaces)
                        : "House " + houseNo + ", " + any(bdPlaces);
    if (age < 18) p.guardian = nameOf(chance(50));

    if (chance(40)) p.bloodGroup = any(domain::bloodGroups);
    if (chance(12)) p.allergies = any(allergies);

    if (age > 35)
        for (const auto& c : olderAdults)
            if (chance(c.percent)) p.chronicConditions.emplace_back(c.code);
    if (age < 12 && chance(8)) p.chronicConditions.emplace_back("asthma");
    if (p.sex == domain::Sex::Female && age >= 18 && age <= 40 && chance(6))
        p.chronicConditions.emplace_back("pregnancy");

    p.consentSms = chance(70);
    p.consentWhatsapp = chance(45);
    using domain::Language;
    if (india)
        p.preferredLanguage = chance(50) ? Language::Hindi : chance(50) ? Language::English : Language::Bangla;
    else
        p.preferredLanguage = chance(85) ? Language::Bangla : Language::English;
    return p;
}

std::size_t insertSyntheticPatients(store::Database& db, SyntheticPatients& generator, std::size_t count,
                                    const domain::Date& today, TimePoint at, std::size_t batchSize) {
    std::size_t inserted = 0;
    batchSize = std::max<std::size_t>(batchSize, 1);
    while (inserted < count) {
        const std::size_t batch = std::min(batchSize, count - inserted);
        db.write([&](store::Connection& tx) {
            store::PatientRepository repo(tx);
            for (std::size_t i = 0; i < batch; ++i) repo.insert(generator.next(today), today.year, std::nullopt, at);
        });
        inserted += batch;
    }
    return inserted;
}

}  // namespace hub::opd
