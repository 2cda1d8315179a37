#include "hub/audit/audit_log.h"
#include "hub/auth/bootstrap.h"
#include "hub/auth/password_hasher.h"
#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/tls/certificate_authority.h"

#include <filesystem>
#include <iostream>

namespace hub::cli {

namespace {

// Everyone in the demo clinic signs in with this; printed by the README's run command.
constexpr const char* demoPassword = "demo-password-1";

struct DemoStaff {
    const char* username;
    const char* displayName;
    const char* role;
};

constexpr DemoStaff demoStaff[] = {
    {"nurse.akter", "Nasrin Akter", "nurse"},
    {"reception", "Reception Desk", "receptionist"},
    {"cashier", "Cash Counter", "cashier"},
};

domain::DoctorProfile demoDoctor(const char* nameEn, const char* nameBn, const char* qualifications,
                                 const char* registration, const char* specialty, const char* room,
                                 const char* prefix, long long fee) {
    domain::DoctorProfile d;
    d.nameEn = nameEn;
    d.nameBn = nameBn;
    d.qualifications = qualifications;
    d.registrationNumber = registration;
    d.specialty = specialty;
    d.room = room;
    d.tokenPrefix = prefix;
    d.consultationFee = fee;
    d.schedule = "Sat-Thu 09:00-13:00";
    return d;
}

}  // namespace

int demoDataCommand(const Args& args) {
    Command cmd{"demo-data",
                "Create a demo clinic (marked as demo) with sample staff, for trying the hub. Refuses a data "
                "directory that already holds a clinic, so demo data never enters a real install.",
                boost::program_options::options_description("Demo data"), true};
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const HubConfig config = hubConfig(*vm);
    const std::filesystem::path dataDir = config.dataDir;
    if (std::filesystem::exists(databasePath(dataDir)))
        throw UsageError("clinic-hub demo-data: " + dataDir.string() +
                         " already holds a clinic database; demo data goes only into a new, empty data directory");

    std::filesystem::create_directories(dataDir);
    std::filesystem::permissions(dataDir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
    becomeOwnerOf(dataDir);
    auto db = store::Database::open(databasePath(dataDir));
    SystemClock clock;
    auth::PasswordHasher hasher;
    audit::AuditLog audit(clock);
    const auth::AdminToolContext ctx{*db, clock, hasher, audit};
    auth::initializeClinic(ctx, "Shanti Clinic (demo)", "admin", demoPassword, auth::ClinicSetup{"Asia/Dhaka", true});
    auth::addStaffByUsername(ctx, "dr.rahman", "Dr. Abdur Rahman", "doctor", demoPassword,
                             demoDoctor("Dr. Abdur Rahman", "ডা. আব্দুর রহমান", "MBBS, FCPS (Medicine)", "A-41235",
                                        "Medicine", "Room 1", "A", 500));
    auth::addStaffByUsername(ctx, "dr.sen", "Dr. Anita Sen", "doctor", demoPassword,
                             demoDoctor("Dr. Anita Sen", "ডা. অনিতা সেন", "MBBS, DCH", "A-52877", "Paediatrics",
                                        "Room 2", "B", 400));
    for (const auto& s : demoStaff) auth::addStaffByUsername(ctx, s.username, s.displayName, s.role, demoPassword);

    tls::CertificateAuthority ca(dataDir / "tls", clock);
    ca.ensureRoot(config.hostname);
    std::cout << "Demo clinic created in " << dataDir.string() << " (password for every account: " << demoPassword
              << ")\n";
    return 0;
}

}  // namespace hub::cli
