#include "hub/sync/restore_point.h"

#include "hub/sync/sync_error.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace hub::sync {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr std::string_view kFormat = "clinic-hub restore point v1";
constexpr std::string_view kGenerationFormat = "clinic-hub generation v1";

std::string text(const Object::Ptr& o) {
    std::ostringstream out;
    o->stringify(out);
    return out.str();
}

std::string base64(std::string_view bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

std::string unbase64(const std::string& s) {
    std::istringstream in(s);
    Poco::Base64Decoder decoder(in);
    return std::string((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
}

Object::Ptr refJson(const ObjectRef& r) {
    Object::Ptr o = new Object;
    o->set("name", r.name);
    o->set("sequence", r.sequence);
    o->set("size", r.size);
    return o;
}

ObjectRef refFrom(const Object::Ptr& o) {
    return {o->getValue<std::string>("name"), o->getValue<std::uint64_t>("sequence"), o->getValue<std::uint64_t>("size")};
}

Object::Ptr parseObject(std::string_view json) {
    Poco::JSON::Parser parser;
    return parser.parse(std::string(json)).extract<Object::Ptr>();
}

}  // namespace

std::vector<ObjectRef> RestorePoint::objects() const {
    std::vector<ObjectRef> out;
    for (const auto& link : chain) out.insert(out.end(), link.parts.begin(), link.parts.end());
    out.push_back(files);
    out.push_back(ledger);
    return out;
}

std::string anchorMessage(const std::string& generation, std::uint64_t sequence, long long headId,
                          const std::string& headHash) {
    return "clinic-hub audit anchor v1\n" + generation + "\n" + std::to_string(sequence) + "\n" +
           std::to_string(headId) + "\n" + headHash + "\n";
}

std::string encodeRestorePoint(const RestorePoint& p) {
    Object::Ptr o = new Object;
    o->set("format", std::string(kFormat));
    o->set("sequence", p.sequence);
    o->set("generation", p.generation);
    o->set("created_at", toUnixSeconds(p.createdAt));
    o->set("box_id", p.boxId);
    o->set("hub_version", p.hubVersion);
    o->set("schema_version", p.schemaVersion);
    Array::Ptr chain = new Array;
    for (const auto& link : p.chain) {
        Object::Ptr l = new Object;
        l->set("sequence", link.sequence);
        l->set("kind", link.kind == ChainLink::Kind::Full ? "full" : "changes");
        l->set("created_at", toUnixSeconds(link.createdAt));
        l->set("plain_bytes", link.plainBytes);
        Array::Ptr parts = new Array;
        for (const auto& part : link.parts) parts->add(refJson(part));
        l->set("parts", parts);
        chain->add(l);
    }
    o->set("chain", chain);
    Array::Ptr sequences = new Array;
    for (const auto& [table, seq] : p.sequences) {
        Array::Ptr pair = new Array;
        pair->add(table);
        pair->add(seq);
        sequences->add(pair);
    }
    o->set("sqlite_sequence", sequences);
    o->set("files", refJson(p.files));
    o->set("ledger", refJson(p.ledger));
    Object::Ptr anchor = new Object;
    anchor->set("head_id", p.anchor.headId);
    anchor->set("head_hash", p.anchor.headHash);
    anchor->set("signature", base64(p.anchor.signature));
    o->set("audit_anchor", anchor);
    return text(o);
}

RestorePoint decodeRestorePoint(std::string_view json, const std::string& objectName) {
    try {
        const auto o = parseObject(json);
        if (o->getValue<std::string>("format") != kFormat)
            throw SyncError(SyncProblem::DamagedObject,
                            "restore point " + objectName + " is in a format this clinic-hub does not know", objectName);
        RestorePoint p;
        p.sequence = o->getValue<std::uint64_t>("sequence");
        p.generation = o->getValue<std::string>("generation");
        p.createdAt = fromUnixSeconds(o->getValue<long long>("created_at"));
        p.boxId = o->getValue<std::string>("box_id");
        p.hubVersion = o->getValue<std::string>("hub_version");
        p.schemaVersion = o->getValue<int>("schema_version");
        const auto chain = o->getArray("chain");
        for (std::size_t i = 0; i < chain->size(); ++i) {
            const auto l = chain->getObject(static_cast<unsigned>(i));
            ChainLink link;
            link.sequence = l->getValue<std::uint64_t>("sequence");
            link.kind = l->getValue<std::string>("kind") == "full" ? ChainLink::Kind::Full : ChainLink::Kind::Changes;
            link.createdAt = fromUnixSeconds(l->getValue<long long>("created_at"));
            link.plainBytes = l->getValue<std::uint64_t>("plain_bytes");
            const auto parts = l->getArray("parts");
            for (std::size_t k = 0; k < parts->size(); ++k) link.parts.push_back(refFrom(parts->getObject(static_cast<unsigned>(k))));
            p.chain.push_back(std::move(link));
        }
        const auto sequences = o->getArray("sqlite_sequence");
        for (std::size_t i = 0; i < sequences->size(); ++i) {
            const auto pair = sequences->getArray(static_cast<unsigned>(i));
            p.sequences.emplace_back(pair->getElement<std::string>(0), pair->getElement<long long>(1));
        }
        p.files = refFrom(o->getObject("files"));
        p.ledger = refFrom(o->getObject("ledger"));
        const auto anchor = o->getObject("audit_anchor");
        p.anchor.headId = anchor->getValue<long long>("head_id");
        p.anchor.headHash = anchor->getValue<std::string>("head_hash");
        p.anchor.signature = unbase64(anchor->getValue<std::string>("signature"));
        if (p.chain.empty() || p.chain.front().kind != ChainLink::Kind::Full || p.chain.back().sequence != p.sequence)
            throw SyncError(SyncProblem::DamagedObject, "restore point " + objectName + " has no usable chain", objectName);
        return p;
    } catch (const SyncError&) {
        throw;
    } catch (const std::exception& e) {
        throw SyncError(SyncProblem::DamagedObject,
                        "restore point " + objectName + " is damaged: " + std::string(e.what()), objectName);
    }
}

std::string encodeGeneration(const GenerationMarker& m) {
    Object::Ptr o = new Object;
    o->set("format", std::string(kGenerationFormat));
    o->set("generation", m.generation);
    o->set("box_id", m.boxId);
    o->set("since", toUnixSeconds(m.since));
    o->set("restored_from", m.restoredFrom);
    return text(o);
}

GenerationMarker decodeGeneration(std::string_view json) {
    try {
        const auto o = parseObject(json);
        if (o->getValue<std::string>("format") != kGenerationFormat) throw std::runtime_error("unknown format");
        GenerationMarker m;
        m.generation = o->getValue<std::string>("generation");
        m.boxId = o->getValue<std::string>("box_id");
        m.since = fromUnixSeconds(o->getValue<long long>("since"));
        m.restoredFrom = o->getValue<std::uint64_t>("restored_from");
        return m;
    } catch (const std::exception& e) {
        throw SyncError(SyncProblem::DamagedObject, std::string("the generation marker is damaged: ") + e.what(),
                        "clinic-hub-sync/v1/generation");
    }
}

}  // namespace hub::sync
