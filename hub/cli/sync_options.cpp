#include "hub/cli/sync_options.h"

#include "hub/cli/password_input.h"
#include "hub/store/clinic_repository.h"

namespace hub::cli {

namespace po = boost::program_options;

void addTargetOptions(po::options_description& options) {
    options.add_options()
        ("endpoint", po::value<std::string>(), "the S3 endpoint, https://host[:port] (e.g. https://s3.eu-central-1.amazonaws.com)")
        ("bucket", po::value<std::string>(), "the bucket")
        ("prefix", po::value<std::string>()->default_value(""), "a prefix inside the bucket, e.g. clinics/shanti/")
        ("region", po::value<std::string>()->default_value("us-east-1"), "the region the endpoint signs for")
        ("path-style", po::bool_switch(), "address the bucket in the path (https://host/bucket/...), as MinIO and Ceph often need")
        ("ca-file", po::value<std::string>()->default_value(""), "trust this CA (PEM) for the endpoint instead of the system's")
        ("access-key-id", po::value<std::string>(), "the access key id")
        ("secret-key-file", po::value<std::string>(), "file whose first line is the secret key ('-' for standard input)");
}

sync::S3Target targetFrom(const po::variables_map& vm) {
    sync::S3Target t;
    t.endpoint = requiredOption(vm, "endpoint");
    t.bucket = requiredOption(vm, "bucket");
    t.prefix = vm["prefix"].as<std::string>();
    if (!t.prefix.empty() && t.prefix.back() != '/') t.prefix += '/';
    t.region = vm["region"].as<std::string>();
    t.pathStyle = vm["path-style"].as<bool>();
    t.caFile = vm["ca-file"].as<std::string>();
    if (!t.caFile.empty()) t.caFile = std::filesystem::absolute(t.caFile).string();
    t.credentials.accessKeyId = requiredOption(vm, "access-key-id");
    t.credentials.secretKey = readPasswordFile(requiredOption(vm, "secret-key-file"), "secret-key-file");
    namingOptions([&] { sync::checkTarget(t); });
    return t;
}

std::string clinicTimezone(const std::filesystem::path& dataDir) {
    auto db = openDatabase(dataDir);
    const auto clinic = db->read([](store::Connection& c) { return store::ClinicRepository(c).get(); });
    return clinic ? clinic->profile.timezone : "Asia/Dhaka";
}

}  // namespace hub::cli
