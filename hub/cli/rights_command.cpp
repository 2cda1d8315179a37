// clinic-hub export and clinic-hub retention run: the patients'-rights
// services from the command line, as the clinic's administrator on the box.
#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/core/error.h"
#include "hub/opd/visit_json.h"
#include "hub/rights/clinic_archive.h"
#include "hub/jobs/job_run.h"
#include "hub/rights/patient_rights.h"
#include "hub/rights/retention_job.h"

#include <Poco/JSON/Stringifier.h>

#include <unistd.h>

#include <fstream>
#include <iostream>

namespace hub::cli {
namespace {

// The command line acts as the box's administrator (no staff account).
auth::ActorContext cliActor() { return auth::ActorContext{0, "cli", domain::Role::Admin, "local", 0}; }

// Written beside the target and renamed into place: never a half-written export.
struct PendingFile {
    std::filesystem::path target, temp;
    explicit PendingFile(std::filesystem::path t) : target(std::move(t)), temp(target.string() + ".partial") {}
    ~PendingFile() {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
    }
    void commit() { std::filesystem::rename(temp, target); }
};

}  // namespace

int exportCommand(const Args& args) {
    namespace po = boost::program_options;
    Command cmd{"export",
                "Write one patient's record (--patient ID) as JSON or a FHIR R4 Bundle, or the whole clinic (--all) "
                "as a tar archive: one JSON file per patient and clinic.json, or FHIR NDJSON files by resource type.",
                po::options_description("Export"), true};
    cmd.options.add_options()("patient", po::value<long long>(), "the patient's id")(
        "all", po::bool_switch(), "every patient of the clinic, as a tar archive")(
        "format", po::value<std::string>(), "json or fhir")("out", po::value<std::string>(),
                                     "the file to write; run as root, the command acts as the owner of the data "
                                     "directory, who must be able to write it");
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const bool all = (*vm)["all"].as<bool>();
    if (all == (vm->count("patient") > 0)) throw UsageError("export: give exactly one of --patient ID and --all");
    if (vm->count("patient") && (*vm)["patient"].as<long long>() <= 0)
        throw UsageError("export: --patient must be a patient id (a positive number)");
    const auto format = rights::parseExportFormat(requiredOption(*vm, "format"));
    if (!format) throw UsageError("export: --format must be json or fhir");
    const std::filesystem::path out = requiredOption(*vm, "out");
    if (std::filesystem::is_directory(out)) throw UsageError("export: --out names a directory, not a file");

    const auto dataDir = dataDirectory(*vm);
    auto db = openDatabase(dataDir);
    SystemClock clock;
    audit::AuditLog audit(clock);
    rights::ExportService exports(*db, clock, audit);
    PendingFile file(out);
    std::ofstream stream(file.temp, std::ios::binary | std::ios::trunc);
    if (!stream)
        throw UsageError("export: cannot write --out " + out.string() + " (as the owner of the data directory)");
    if (all) {
        const auto spool = std::filesystem::temp_directory_path() / ("clinic-hub-export-" + std::to_string(::getpid()));
        std::filesystem::create_directory(spool);
        std::filesystem::permissions(spool, std::filesystem::perms::owner_all);
        long long n = 0;
        try {
            n = rights::writeClinicArchive(exports, cliActor(), *format, stream, spool, clock.now());
        } catch (...) {
            std::filesystem::remove_all(spool);
            throw;
        }
        std::filesystem::remove_all(spool);
        stream.close();
        if (!stream) throw Error(ErrorCode::InsufficientStorage, "export: writing " + out.string() + " failed");
        file.commit();
        std::cout << "exported " << n << " patients to " << out.string() << "\n";
        return 0;
    }
    const auto document = exports.exportPatient(cliActor(), (*vm)["patient"].as<long long>(), *format);
    Poco::JSON::Stringifier::stringify(document, stream, 2);
    stream << "\n";
    stream.close();
    if (!stream) throw Error(ErrorCode::InsufficientStorage, "export: writing " + out.string() + " failed");
    file.commit();
    std::cout << "exported patient " << (*vm)["patient"].as<long long>() << " to " << out.string() << "\n";
    return 0;
}

int retentionRunCommand(const Args& args) {
    Command cmd{"retention run",
                "Anonymise now the records the retention policy says are due (what the nightly job does), and print "
                "the report.",
                boost::program_options::options_description("Retention run"), true};
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const auto dataDir = dataDirectory(*vm);
    auto db = openDatabase(dataDir);
    SystemClock clock;
    audit::AuditLog audit(clock);
    rights::RetentionService retention(*db, clock, audit);
    // The daemon's "retention" job, run here: never at the same time as the
    // nightly run, and recorded as the job's last run.
    std::optional<rights::RetentionReport> ran;
    const jobs::CancelToken notCancelled;
    jobs::runRecorded(jobs::JobEnvironment{*db, clock, dataDir}, rights::retentionJob(retention, &ran), notCancelled);
    const rights::RetentionReport& report = *ran;
    if (!report.ran) {
        std::cout << "automatic anonymisation is off (set auto_anonymise_after_years in the retention policy)\n";
        return 0;
    }
    std::cout << "anonymised " << report.run.anonymised << " records last seen before "
              << formatRfc3339(report.run.cutoff).substr(0, 10) << "; skipped " << report.run.skipped << "\n"
              << report.run.detail;
    return 0;
}

}  // namespace hub::cli
