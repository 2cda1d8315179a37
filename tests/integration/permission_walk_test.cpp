// The permission walk and the API document, against the live daemon: every
// documented operation is called by every role, and the document, the router
// and the permission table must tell the same story.
#include "event_stream_client.h"
#include "test_support.h"

#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <Poco/String.h>

#include <map>

using namespace hub::it;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

struct Operation {
    std::string method;  // upper case
    std::string path;    // with {parameters}
    Object::Ptr spec;

    std::string id() const { return spec->optValue<std::string>("operationId", ""); }
    bool staffOnly() const { return spec->has("x-roles"); }
    std::set<std::string> roles() const {
        std::set<std::string> out;
        if (const auto a = spec->getArray("x-roles"))
            for (std::size_t i = 0; i < a->size(); ++i) out.insert(a->getElement<std::string>(static_cast<unsigned>(i)));
        return out;
    }
    Object::Ptr requestSchema() const {
        const auto body = spec->getObject("requestBody");
        if (!body) return nullptr;
        const auto content = body->getObject("content");
        if (!content || !content->getObject("application/json")) return nullptr;
        return content->getObject("application/json")->getObject("schema");
    }
    std::string describe() const { return method + " " + path + " (" + id() + ")"; }
    // A Server-Sent-Events answer: it never ends, so it is opened, judged by its head, and closed.
    bool streams() const {
        const auto responses = spec->getObject("responses");
        const auto ok = responses ? responses->getObject("200") : nullptr;
        const auto content = ok ? ok->getObject("content") : nullptr;
        return content && content->has("text/event-stream");
    }
};

Object::Ptr fetchDocument(const HubProcess& hub) {
    auto client = hub.client();
    const auto r = client->get("/api/v1/openapi.json");
    INFO(r.describe());
    REQUIRE(r.status == 200);
    REQUIRE(r.json);
    return r.json;
}

std::vector<Operation> operationsOf(const Object::Ptr& document) {
    std::vector<Operation> ops;
    const auto paths = document->getObject("paths");
    REQUIRE(paths);
    for (const auto& path : paths->getNames()) {
        const auto item = paths->getObject(path);
        for (const auto& method : item->getNames())
            ops.push_back({Poco::toUpper(method), path, item->getObject(method)});
    }
    return ops;
}

// A value the schema accepts, built from the document alone, so that new
// operations join the walk without the test changing.
Poco::Dynamic::Var exampleFor(const Object::Ptr& schema, const std::string& name) {
    const std::string type = schema->optValue<std::string>("type", "string");
    if (type == "object") {
        Object::Ptr o = new Object;
        const auto properties = schema->getObject("properties");
        if (const auto required = schema->getArray("required"))
            for (std::size_t i = 0; i < required->size(); ++i) {
                const auto field = required->getElement<std::string>(static_cast<unsigned>(i));
                o->set(field, exampleFor(properties->getObject(field), field));
            }
        return o;
    }
    if (type == "array") {
        Array::Ptr a = new Array;
        const auto minItems = schema->optValue<int>("minItems", 0);
        for (int i = 0; i < minItems; ++i) a->add(exampleFor(schema->getObject("items"), name));
        return a;
    }
    if (type == "integer" || type == "number") return schema->optValue<long long>("minimum", 1);
    if (type == "boolean") return false;
    if (const auto values = schema->getArray("enum")) return values->getElement<std::string>(0);
    const std::string format = schema->optValue<std::string>("format", "");
    if (format == "date-time") return std::string("2025-01-15T09:30:00Z");
    if (format == "date") return std::string("2025-01-15");
    if (format == "password") return std::string("walk-password-123");
    std::string text = name == "username" ? uniqueUsername("walk") : "walk " + name;
    const auto minLength = schema->optValue<std::size_t>("minLength", 0);
    const auto maxLength = schema->optValue<std::size_t>("maxLength", 64);
    while (text.size() < minLength) text += "x";
    return text.substr(0, std::max<std::size_t>(maxLength, 1));
}

// The body and path for one call. Known operations get bodies that really do
// the thing; the rest get the document's example.
struct Call {
    std::string path;
    std::optional<std::string> body;
    std::string query;
};

Call callFor(const Operation& op, const std::string& someStaffId) {
    Call call;
    std::string path = op.path;
    for (auto open = path.find('{'); open != std::string::npos; open = path.find('{'))
        path.replace(open, path.find('}', open) - open + 1, someStaffId);
    call.path = path;
    if (const auto params = op.spec->getArray("parameters"))
        for (std::size_t i = 0; i < params->size(); ++i) {
            const auto p = params->getObject(static_cast<unsigned>(i));
            if (p->getValue<std::string>("in") != "query" || !p->optValue<bool>("required", false)) continue;
            const auto value = exampleFor(p->getObject("schema"), p->getValue<std::string>("name")).toString();
            std::string encoded;
            Poco::URI::encode(value, "&=+?#", encoded);
            call.query += (call.query.empty() ? "?" : "&") + p->getValue<std::string>("name") + "=" + encoded;
        }
    const std::string id = op.id();
    if (id == "createStaff") {
        call.body = newStaffBody(uniqueUsername("walk"), "cashier");
    } else if (id == "changeOwnPassword") {  // to the same password: allowed, and harmless
        call.body = json({{"current_password", demoPassword}, {"new_password", demoPassword}});
    } else if (id == "updateStaff") {
        call.body = json({{"display_name", "Renamed by the walk"}});
    } else if (const auto schema = op.requestSchema()) {
        call.body = toJson(*exampleFor(schema, "body").extract<Object::Ptr>());
    }
    return call;
}

HttpResult perform(HubClient& client, const Operation& op, const Call& call) {
    if (op.streams()) return EventStreamClient(client, call.path + call.query).response();
    return client.request(op.method, call.path + call.query, call.body);
}

// A staff member the walk's updateStaff calls may rename: a cashier, not an
// account the walk signs in with. Returns its id.
std::string renameTarget(HubClient& admin) {
    const auto target = admin.post("/api/v1/staff", newStaffBody(uniqueUsername("target"), "cashier"));
    REQUIRE(target.status == 201);
    return target.json->getValue<std::string>("id");
}

const std::map<std::string, std::string> usernameOf = [] {
    std::map<std::string, std::string> m;
    for (const auto& a : demoAccounts) m[a.role] = a.username;
    return m;
}();

}  // namespace

TEST_CASE("every staff operation in the API document refuses exactly the roles outside its x-roles",
          "[integration][permissions]") {
    HubDataDir dir;
    HubProcess hub(dir);
    const auto ops = operationsOf(fetchDocument(hub));
    auto admin = signedIn(hub, "admin");
    const std::string targetId = renameTarget(*admin);

    int staffOperations = 0;
    for (const auto& account : demoAccounts) {
        auto client = signedIn(hub, account.username);
        for (const auto& op : ops) {
            if (!op.staffOnly()) continue;
            ++staffOperations;
            const Call call = callFor(op, targetId);
            const auto r = perform(*client, op, call);
            const bool allowed = op.roles().count(account.role) == 1;
            INFO(account.role << " (" << account.username << ") " << op.describe() << " -> " << r.describe());
            CHECK(r.status < 500);
            CHECK(r.status != 401);  // the session was valid: a refusal must be 403
            if (allowed) {
                CHECK(r.status != 403);
            } else {
                CHECK(r.status == 403);
                checkErrorShape(r);
                CHECK(r.errorCode() == "forbidden");
            }
            // logout, logoutAll and the like end the session: sign in again.
            if (client->get("/api/v1/auth/me").status == 401) {
                client = hub.client();
                REQUIRE(client->login(account.username, demoPassword).status == 200);
            }
        }
    }
    CHECK(staffOperations >= 8 * static_cast<int>(demoAccounts.size()));
    checkStillHealthy(hub);
}

TEST_CASE("for the platform operations the API document's x-roles are exactly the issue's",
          "[integration][permissions]") {
    const std::set<std::string> everyone = {"admin", "doctor", "receptionist", "nurse", "cashier"};
    const std::set<std::string> adminsOnly = {"admin"};
    const std::map<std::string, std::set<std::string>> expected = {
        {"whoami", everyone},          {"logout", everyone},        {"logoutAll", everyone},
        {"changeOwnPassword", everyone}, {"listStaff", adminsOnly},  {"createStaff", adminsOnly},
        {"updateMyPreferences", everyone},  // one's own screen language (issue 17)
        {"updateStaff", adminsOnly},   {"listAuditEvents", adminsOnly},
        {"unlockAccount", adminsOnly},
        // The admin screen (issue 17): the formulary, every doctor's templates, a display's QR.
        {"createDrug", adminsOnly}, {"updateDrug", adminsOnly}, {"deleteDrug", adminsOnly},
        {"listClinicPrescriptionTemplates", adminsOnly}, {"deletePrescriptionTemplate", {"admin", "doctor"}},
        {"getDisplayQr", adminsOnly},
        // Clinical: who changed allergies and conditions is the doctor's to read;
        // a nurse may update a patient (its clinical fields only, checked per field).
        {"getPatientClinicalHistory", {"doctor"}},
        {"updatePatient", {"admin", "doctor", "receptionist", "nurse"}},
        {"getPatient", {"admin", "doctor", "receptionist", "nurse"}},
        // The cloud sync (issue 18): where the records go, and starting a run.
        {"getSyncSettings", adminsOnly}, {"updateSyncSettings", adminsOnly},
        {"getSyncStatus", adminsOnly}, {"syncNow", adminsOnly},
        // The job runner (issue 15): which background jobs ran, when and how.
        {"listJobs", adminsOnly},
        // Billing (issue 21): the cashier (and the front desk, where the clinic
        // allows it) takes payments and closes their drawer; refunds, statements
        // and revenue are the admin's; doctors see invoices, not revenue.
        {"addPayment", {"admin", "receptionist", "cashier"}},
        {"closeCashDrawer", {"admin", "receptionist", "cashier"}},
        {"getInvoice", {"admin", "doctor", "receptionist", "cashier"}},
        {"refundPayment", adminsOnly}, {"voidInvoice", adminsOnly}, {"getRevenueReport", adminsOnly},
        {"importPaymentStatement", adminsOnly}, {"listUnmatchedPayments", adminsOnly}, {"matchPayment", adminsOnly},
    };
    HubDataDir dir;
    HubProcess hub(dir);
    std::map<std::string, std::set<std::string>> documented;
    for (const auto& op : operationsOf(fetchDocument(hub)))
        if (op.staffOnly()) documented[op.id()] = op.roles();
    for (const auto& [operationId, roles] : expected) {
        INFO(operationId);
        REQUIRE(documented.count(operationId) == 1);
        CHECK(documented[operationId] == roles);
    }
    // Public operations need no session, so they carry no roles.
    for (const auto& op : operationsOf(fetchDocument(hub)))
        if (op.id() == "login" || op.id() == "getHealth") CHECK_FALSE(op.staffOnly());
}

TEST_CASE("every operation in the API document is routed: other methods on its paths answer 405 with Allow",
          "[integration][openapi]") {
    HubDataDir dir;
    HubProcess hub(dir);
    const auto ops = operationsOf(fetchDocument(hub));
    auto admin = signedIn(hub, "admin");
    const std::string targetId = renameTarget(*admin);

    std::map<std::string, std::set<std::string>> methodsByPath;
    for (const auto& op : ops) {
        methodsByPath[op.path].insert(op.method);
        // Call as a role the operation allows, so the handler really runs.
        std::string role = "admin";
        if (op.staffOnly() && !op.roles().count("admin")) role = *op.roles().begin();
        auto client = signedIn(hub, usernameOf.at(role));
        const Call call = callFor(op, targetId);
        const auto r = perform(*client, op, call);
        INFO(role << ": " << op.describe() << " -> " << r.describe());
        CHECK(r.status != 405);
        CHECK(r.status < 500);
        // A handler may say 404 about a missing thing; the router's 404 means no route.
        if (r.status == 404) CHECK(r.errorMessage().find("no such endpoint") == std::string::npos);
    }

    auto client = hub.client();
    for (const auto& [path, methods] : methodsByPath) {
        std::string concrete = path;
        for (auto open = concrete.find('{'); open != std::string::npos; open = concrete.find('{'))
            concrete.replace(open, concrete.find('}', open) - open + 1, targetId);
        for (const std::string method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
            if (methods.count(method)) continue;
            const auto r = client->request(method, concrete);
            INFO(method << " " << concrete << " -> " << r.describe());
            CHECK(r.status == 405);
            checkErrorShape(r);
            std::set<std::string> allowed;
            std::string allow = r.header("Allow");
            for (std::size_t start = 0; start < allow.size();) {
                auto comma = allow.find(',', start);
                if (comma == std::string::npos) comma = allow.size();
                allowed.insert(Poco::trim(allow.substr(start, comma - start)));
                start = comma + 1;
            }
            CHECK(allowed == methods);
        }
    }
}

TEST_CASE("every documented operation has an operationId, responses, and a request schema exactly when it takes a "
          "body",
          "[integration][openapi]") {
    HubDataDir dir;
    HubProcess hub(dir);
    const auto document = fetchDocument(hub);
    CHECK(document->getValue<std::string>("openapi").rfind("3.", 0) == 0);
    const auto ops = operationsOf(document);
    std::set<std::string> ids;

    for (const auto& op : ops) {
        INFO(op.describe());
        REQUIRE_FALSE(op.id().empty());
        CHECK(ids.insert(op.id()).second);  // unique
        const auto responses = op.spec->getObject("responses");
        REQUIRE(responses);
        CHECK(responses->size() >= 1);
        bool hasSuccess = false;
        for (const auto& status : responses->getNames()) hasSuccess = hasSuccess || status[0] == '2';
        CHECK(hasSuccess);
        if (op.staffOnly()) {
            CHECK(responses->has("401"));
            CHECK(responses->has("403"));
        }
        if (op.spec->has("requestBody")) {
            const auto schema = op.requestSchema();
            REQUIRE(schema);
            CHECK(schema->getValue<std::string>("type") == "object");
            CHECK(responses->has("400"));
            CHECK(responses->has("413"));
        }

        // The document and the server agree on who takes a body. Called as a
        // role that may, with nothing (or a stray body) so that nothing happens.
        if (op.method == "GET") continue;
        std::string role = "admin";
        if (op.staffOnly() && !op.roles().count("admin")) role = *op.roles().begin();
        auto client = signedIn(hub, usernameOf.at(role));
        std::string path = op.path;
        for (auto open = path.find('{'); open != std::string::npos; open = path.find('{'))
            path.replace(open, path.find('}', open) - open + 1, "1");
        const auto r = op.spec->has("requestBody") ? client->request(op.method, path)
                                                   : client->request(op.method, path, std::string(R"({"x":1})"));
        INFO("without its body / with a stray one: " << r.describe());
        CHECK(r.status == 400);
        CHECK(r.errorField() == "body");
    }
    for (const auto* required : {"login", "logout", "whoami", "listStaff", "createStaff", "updateStaff",
                                 "listAuditEvents", "getHealth"}) {
        INFO("operationId " << required);
        CHECK(ids.count(required) == 1);
    }
}

namespace {

// Where in a body a hostile value goes: a path of member names; "[]" stands
// for the one item of an array.
using Slot = std::vector<std::string>;

// Every property of schema, and those of the objects and arrays of objects
// inside it, as slots under prefix; passwords (format "password") go to
// passwords instead.
void slotsOf(const Object::Ptr& schema, const Slot& prefix, std::vector<Slot>& out, std::vector<Slot>& passwords) {
    const auto properties = schema->getObject("properties");
    if (!properties) return;
    for (const auto& name : properties->getNames()) {
        const auto property = properties->getObject(name);
        Slot slot = prefix;
        slot.push_back(name);
        if (property->optValue<std::string>("format", "") == "password") {
            passwords.push_back(slot);
            continue;
        }
        out.push_back(slot);
        const std::string type = property->optValue<std::string>("type", "");
        if (type == "object") slotsOf(property, slot, out, passwords);
        if (type == "array" && property->getObject("items") &&
            property->getObject("items")->optValue<std::string>("type", "") == "object") {
            Slot item = slot;
            item.push_back("[]");
            slotsOf(property->getObject("items"), item, out, passwords);
        }
    }
}

constexpr const char* hostilePlaceholder = "__hostile_value__";

// A body the schema accepts everywhere except at slot, where the placeholder
// stands; intermediate objects and arrays are made as the schema describes them.
void plant(Object::Ptr body, const Object::Ptr& schema, const Slot& slot, std::size_t at) {
    const std::string& name = slot[at];
    const auto property = schema->getObject("properties")->getObject(name);
    if (at + 1 == slot.size()) {
        body->set(name, std::string(hostilePlaceholder));
        return;
    }
    if (slot[at + 1] == "[]") {
        const auto items = property->getObject("items");
        Object::Ptr item = exampleFor(items, name).extract<Object::Ptr>();
        plant(item, items, slot, at + 2);
        Array::Ptr array = new Array;
        array->add(item);
        body->set(name, array);
        return;
    }
    Object::Ptr inner = body->has(name) && body->getObject(name) ? body->getObject(name)
                                                                : exampleFor(property, name).extract<Object::Ptr>();
    plant(inner, property, slot, at + 1);
    body->set(name, inner);
}

std::string describe(const Slot& slot) {
    std::string text;
    for (const auto& s : slot) text += s == "[]" ? "[0]" : (text.empty() ? "" : ".") + s;
    return text;
}

// What a careless or hostile client sends, as raw JSON text.
const std::vector<std::pair<std::string, std::string>> hostileValues = [] {
    std::vector<std::pair<std::string, std::string>> v = {
        {"huge", "99999999999"},
        {"2^63", "9223372036854775808"},
        {"below int64", "-9223372036854775809"},
        {"beyond double", "1e400"},
        {"negative", "-1"},
        {"fractional", "0.5"},
        {"string", "\"walk\""},
        {"boolean", "true"},
        {"null", "null"},
        {"array", "[1]"},
        {"object", "{\"x\":1}"},
        {"malformed UTF-8", "\"\xff\xfe\xc3\x28 \xed\xa0\x80\""},
        {"very long string", "\"" + std::string(70000, 'x') + "\""},
        {"deep nesting", std::string(5000, '[') + std::string(5000, ']')},
    };
    return v;
}();

// The walks of the bodies. Signing in and passwords feed the sign-in
// throttle (a wrong password, an unknown username: 20 per address and window),
// so they walk on a hub of their own, every account signed in before the
// first wrong guess; everything else walks on another.
enum class Walk { Bodies, SignIn };

struct WalkCounts {
    int sent = 0, slots = 0;
};

WalkCounts walkHostileBodies(Walk walk) {
    HubDataDir dir;
    HubProcess hub(dir);
    const auto ops = operationsOf(fetchDocument(hub));
    auto admin = signedIn(hub, "admin");
    const std::string targetId = renameTarget(*admin);
    std::map<std::string, std::unique_ptr<HubClient>> clients;
    for (const auto& account : demoAccounts) clients[account.username] = signedIn(hub, account.username);

    WalkCounts counts;
    for (const auto& account : demoAccounts) {
        auto& client = clients.at(account.username);
        for (const auto& op : ops) {
            const auto schema = op.requestSchema();
            if (!schema) continue;
            const bool allowed = !op.staffOnly() || op.roles().count(account.role) == 1;
            std::vector<Slot> slots, passwords;
            slotsOf(schema, {}, slots, passwords);
            if (walk == Walk::SignIn) {
                // The sign-in's every property, and every password of every operation.
                if (op.id() == "login") slots.insert(slots.end(), passwords.begin(), passwords.end());
                else slots = passwords;
            } else if (op.id() == "login") {
                continue;
            }
            const Call base = callFor(op, targetId);
            for (const auto& slot : slots) {
                ++counts.slots;
                Object::Ptr body = base.body ? Poco::JSON::Parser().parse(*base.body).extract<Object::Ptr>()
                                             : Object::Ptr(new Object);
                plant(body, schema, slot, 0);
                const std::string text = toJson(*body);
                const std::string quoted = std::string("\"") + hostilePlaceholder + "\"";
                for (const auto& [what, value] : hostileValues) {
                    std::string hostile = text;
                    hostile.replace(hostile.find(quoted), quoted.size(), value);
                    const auto r = client->request(op.method, base.path + base.query, hostile);
                    ++counts.sent;
                    INFO(account.role << " " << op.describe() << " " << describe(slot) << " = " << what << " -> "
                                      << r.status << " " << r.body.substr(0, 300));
                    CHECK(r.status < 500);
                    if (r.status >= 400) {
                        REQUIRE(r.json);
                        CHECK(r.json->has("error"));
                        CHECK_FALSE(r.errorCode().empty());
                    }
                    if (!allowed) {
                        CHECK(r.status == 403);  // refused before the body is read
                        break;
                    }
                }
                if (!allowed) break;
            }
            // An operation that ended the session (changing a password ends the others): sign in again.
            if (client->get("/api/v1/auth/me").status == 401) client = signedIn(hub, account.username);
        }
    }
    checkStillHealthy(hub);
    return counts;
}

}  // namespace

TEST_CASE("no body of any documented operation, however hostile, gets a 5xx or an error without the JSON error body",
          "[integration][input][openapi]") {
    const WalkCounts counts = walkHostileBodies(Walk::Bodies);
    CHECK(counts.slots > 100);
    CHECK(counts.sent > 1000);
}

TEST_CASE("signing in and every password field, however hostile, get no 5xx and a JSON error body",
          "[integration][input][openapi][login]") {
    // login's username and password, createStaff's and updateStaff's password,
    // changeOwnPassword's two, the sync secret: as each role.
    const WalkCounts counts = walkHostileBodies(Walk::SignIn);
    CHECK(counts.slots >= 5 * 2);
    CHECK(counts.sent >= 5 * 2 * 10);
}
