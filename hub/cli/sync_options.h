#pragma once
// What `sync init` and `restore` share: the options that name the cloud copy
// (--endpoint, --bucket, --prefix, --region, --path-style, --ca-file,
// --access-key-id, --secret-key-file), reading them into a target, and turning
// a setting the sync refuses into a usage error naming the option.
#include "hub/cli/command.h"
#include "hub/core/error.h"
#include "hub/sync/sync_settings.h"

#include <boost/program_options.hpp>

#include <string>

namespace hub::cli {

void addTargetOptions(boost::program_options::options_description& options);
sync::S3Target targetFrom(const boost::program_options::variables_map& vm);

// Runs fn; an Error(InvalidInput) about field "access_key_id" becomes the
// UsageError "--access-key-id: ...", naming the option the technician typed.
template <typename Fn>
auto namingOptions(Fn&& fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const Error& e) {
        if (e.code() != ErrorCode::InvalidInput || e.field().empty()) throw;
        std::string option = e.field();
        for (char& c : option)
            if (c == '_') c = '-';
        throw UsageError("--" + option + ": " + e.what());
    }
}

// The clinic's timezone from the database, for the sync's nightly window.
std::string clinicTimezone(const std::filesystem::path& dataDir);

}  // namespace hub::cli
