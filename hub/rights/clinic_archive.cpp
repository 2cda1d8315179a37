#include "hub/rights/clinic_archive.h"

#include "hub/core/error.h"
#include "hub/rights/fhir_export.h"
#include "hub/rights/tar_writer.h"

#include <Poco/JSON/Stringifier.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace hub::rights {
namespace {

std::string compact(const Poco::JSON::Object::Ptr& o) {
    std::ostringstream s;
    Poco::JSON::Stringifier::condense(o, s);
    return s.str();
}

// Removes the spool files however the export ends.
struct SpoolFiles {
    std::map<std::string, std::unique_ptr<std::ofstream>> streams;
    std::map<std::string, std::filesystem::path> paths;
    ~SpoolFiles() {
        streams.clear();
        std::error_code ignored;
        for (const auto& [type, path] : paths) std::filesystem::remove(path, ignored);
    }
};

}  // namespace

long long writeClinicArchive(ExportService& exports, const auth::ActorContext& actor, ExportFormat format,
                             std::ostream& out, const std::filesystem::path& spoolDir, TimePoint now) {
    TarWriter tar(out, toUnixSeconds(now));
    long long patients = 0;
    std::string clinicName;
    SpoolFiles spool;
    exports.exportClinic(actor, format, [&](const PatientDossier& d) {
        ++patients;
        clinicName = d.clinicName;
        if (format == ExportFormat::Json) {
            tar.addFile("patients/" + std::to_string(d.patient.id) + ".json", compact(dossierJson(d, now)));
            return;
        }
        forEachFhirResource(d, [&](const std::string& type, const Poco::JSON::Object::Ptr& resource) {
            auto& stream = spool.streams[type];
            if (!stream) {
                const auto path = spoolDir / (type + ".ndjson");
                spool.paths[type] = path;
                stream = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
                if (!*stream) throw Error(ErrorCode::Internal, "cannot write the spool file " + path.string());
            }
            Poco::JSON::Stringifier::condense(resource, *stream);
            *stream << '\n';
        });
    });
    for (auto& [type, stream] : spool.streams) {
        stream->close();
        if (stream->fail()) throw Error(ErrorCode::InsufficientStorage, "the spool file for " + type + " could not be written");
        tar.addFileFrom(type + ".ndjson", spool.paths[type]);
    }
    Poco::JSON::Object::Ptr clinic = new Poco::JSON::Object;
    clinic->set("format", format == ExportFormat::Json ? "clinic-hub.clinic-export" : "fhir-r4-bulk-ndjson");
    clinic->set("version", 1);
    clinic->set("clinic_name", clinicName);
    clinic->set("exported_at", formatRfc3339(now));
    clinic->set("patients", patients);
    tar.addFile("clinic.json", compact(clinic));
    tar.finish();
    if (!out) throw Error(ErrorCode::InsufficientStorage, "the archive could not be written");
    return patients;
}

}  // namespace hub::rights
