#include "hub/sync/ledger_object.h"

#include "hub/sync/sync_error.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace hub::sync {

std::string encodeLedger(const std::vector<store::LedgerEntry>& entries) {
    Poco::JSON::Object root;
    root.set("format", "clinic-hub deletion ledger v1");
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& e : entries) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("id", e.id);
        o->set("patient_id", e.patientId);
        o->set("action", e.action);
        o->set("clear_notes", e.clearNotes);
        o->set("executed_at", toUnixSeconds(e.executedAt));
        if (e.executedBy) o->set("executed_by", *e.executedBy);
        if (e.requestId) o->set("request_id", *e.requestId);
        list->add(o);
    }
    root.set("entries", list);
    std::ostringstream out;
    root.stringify(out);
    return out.str();
}

std::vector<store::LedgerEntry> decodeLedger(std::string_view json, const std::string& objectName) {
    try {
        Poco::JSON::Parser parser;
        const auto root = parser.parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
        if (root->getValue<std::string>("format") != "clinic-hub deletion ledger v1")
            throw std::runtime_error("unknown format");
        std::vector<store::LedgerEntry> out;
        const auto list = root->getArray("entries");
        for (std::size_t i = 0; i < list->size(); ++i) {
            const auto o = list->getObject(static_cast<unsigned>(i));
            store::LedgerEntry e;
            e.id = o->getValue<long long>("id");
            e.patientId = o->getValue<long long>("patient_id");
            e.action = o->getValue<std::string>("action");
            if (e.action != "anonymise") throw std::runtime_error("unknown action " + e.action);
            e.clearNotes = o->getValue<bool>("clear_notes");
            e.executedAt = fromUnixSeconds(o->getValue<long long>("executed_at"));
            if (o->has("executed_by")) e.executedBy = o->getValue<long long>("executed_by");
            if (o->has("request_id")) e.requestId = o->getValue<long long>("request_id");
            out.push_back(std::move(e));
        }
        return out;
    } catch (const std::exception& e) {
        throw SyncError(SyncProblem::DamagedObject,
                        "object " + objectName + " (the deletion ledger) is damaged: " + e.what(), objectName);
    }
}

}  // namespace hub::sync
