#include "hub/sync/sync_state.h"

#include "hub/core/error.h"
#include "hub/core/random.h"
#include "hub/core/text.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace hub::sync {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr refJson(const ObjectRef& r) {
    Object::Ptr o = new Object;
    o->set("name", r.name);
    o->set("sequence", r.sequence);
    o->set("size", r.size);
    return o;
}

ObjectRef refFrom(const Object::Ptr& o) {
    if (!o) return {};
    return {o->getValue<std::string>("name"), o->getValue<std::uint64_t>("sequence"), o->getValue<std::uint64_t>("size")};
}

Object::Ptr parse(const std::filesystem::path& file) {
    try {
        Poco::JSON::Parser parser;
        return parser.parse(readPrivateFile(file)).extract<Object::Ptr>();
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Unavailable, file.string() + " is unreadable: " + e.what());
    }
}

std::string text(const Object& o) {
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

}  // namespace

std::string targetIdentity(const S3Target& t) { return t.endpoint + "|" + t.bucket + "|" + t.prefix; }

SyncState freshState(const S3Target& target, Random& random) {
    SyncState s;
    s.targetId = targetIdentity(target);
    const auto id = random.bytes(16);
    s.generation = hexEncode(std::string_view(reinterpret_cast<const char*>(id.data()), id.size()));
    return s;
}

std::optional<SyncState> loadState(const SyncPaths& paths) {
    if (!std::filesystem::exists(paths.state())) return std::nullopt;
    const auto o = parse(paths.state());
    try {
        SyncState s;
        s.targetId = o->getValue<std::string>("target");
        s.generation = o->getValue<std::string>("generation");
        s.takeOverFrom = o->optValue<std::string>("take_over_from", "");
        s.lastSequence = o->getValue<std::uint64_t>("last_sequence");
        s.baseSchema = o->getValue<int>("base_schema");
        // The chain is kept as a restore point's JSON, so one decoder reads both.
        if (o->has("chain_point")) s.chain = decodeRestorePoint(o->getValue<std::string>("chain_point"), "state").chain;
        s.files = refFrom(o->getObject("files"));
        s.filesContent = o->optValue<std::string>("files_content", "");
        s.ledger = refFrom(o->getObject("ledger"));
        s.ledgerContent = o->optValue<std::string>("ledger_content", "");
        return s;
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Unavailable, paths.state().string() + " is unreadable: " + e.what());
    }
}

void saveState(const SyncPaths& paths, const SyncState& s) {
    Object o;
    o.set("target", s.targetId);
    o.set("generation", s.generation);
    o.set("take_over_from", s.takeOverFrom);
    o.set("last_sequence", s.lastSequence);
    o.set("base_schema", s.baseSchema);
    if (!s.chain.empty()) {
        RestorePoint chainOnly;
        chainOnly.sequence = s.chain.back().sequence;
        chainOnly.chain = s.chain;
        o.set("chain_point", encodeRestorePoint(chainOnly));
    }
    if (!s.files.name.empty()) o.set("files", refJson(s.files));
    o.set("files_content", s.filesContent);
    if (!s.ledger.name.empty()) o.set("ledger", refJson(s.ledger));
    o.set("ledger_content", s.ledgerContent);
    writePrivateFile(paths.state(), text(o));
}

std::optional<RunPlan> loadPlan(const SyncPaths& paths) {
    const auto file = paths.work() / "plan.json";
    if (!std::filesystem::exists(file)) return std::nullopt;
    const auto o = parse(file);
    RunPlan p;
    p.sequence = o->getValue<std::uint64_t>("sequence");
    p.full = o->getValue<bool>("full");
    p.createdAt = fromUnixSeconds(o->getValue<long long>("created_at"));
    return p;
}

void savePlan(const SyncPaths& paths, const RunPlan& p) {
    Object o;
    o.set("sequence", p.sequence);
    o.set("full", p.full);
    o.set("created_at", toUnixSeconds(p.createdAt));
    writePrivateFile(paths.work() / "plan.json", text(o));
}

void clearPlan(const SyncPaths& paths) {
    std::filesystem::remove(paths.work() / "plan.json");
    std::filesystem::remove(planSnapshot(paths));
}

}  // namespace hub::sync
