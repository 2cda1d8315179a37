#include "hub/api/openapi.h"

#include "hub/api/gate.h"
#include "hub/api/router.h"

#include <Poco/JSON/Array.h>

namespace hub::api {

Schema errorSchema() {
    return object({required("error", object({
                                          required("code", string("machine-readable error code")),
                                          required("message", string("what went wrong, for people")),
                                          optional("field", string("the request field at fault")),
                                      }))});
}

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const char* reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 204: return "No Content";
        case 400: return "Invalid input; error.field names the field";
        case 401: return "Not signed in, or the session expired";
        case 403: return "The role may not do this, or the CSRF token is missing";
        case 404: return "Not found";
        case 409: return "Conflicts with the current state";
        case 422: return "The body names a patient, doctor or token that does not exist; error.field names it";
        case 413: return "Request body too large";
        case 429: return "Too many attempts; see Retry-After";
        case 503: return "Unavailable";
        case 507: return "The hub's disk is at its floor: nothing was written";
        default: return "Error";
    }
}

Object::Ptr jsonContent(const Schema& schema) {
    Object::Ptr media = new Object;
    media->set("schema", toOpenApi(schema));
    Object::Ptr content = new Object;
    content->set("application/json", media);
    return content;
}

Object::Ptr parameter(const std::string& name, const std::string& in, const Schema& schema, bool isRequired) {
    Object::Ptr p = new Object;
    p->set("name", name);
    p->set("in", in);
    p->set("required", isRequired);
    p->set("schema", toOpenApi(schema));
    return p;
}

Object::Ptr operationObject(const Route& route) {
    Object::Ptr op = new Object;
    op->set("operationId", route.operationId);
    op->set("summary", route.summary);
    if (!route.tag.empty()) {
        Array::Ptr tags = new Array;
        tags->add(route.tag);
        op->set("tags", tags);
    }

    Array::Ptr params = new Array;
    for (const auto& segment : splitPath(route.path))
        if (segment.front() == '{')
            params->add(parameter(segment.substr(1, segment.size() - 2), "path", string(), true));
    for (const auto& q : route.queryParameters) params->add(parameter(q.name, "query", q.schema, q.required));
    for (const auto& h : route.headerParameters) params->add(parameter(h.name, "header", h.schema, false));
    if (params->size() > 0) op->set("parameters", params);

    if (route.requestBody) {
        Object::Ptr body = new Object;
        body->set("required", true);
        body->set("content", jsonContent(*route.requestBody));
        op->set("requestBody", body);
    }

    Object::Ptr responses = new Object;
    Object::Ptr success = new Object;
    success->set("description", reason(route.successStatus));
    if (route.responseBody) {
        success->set("content", jsonContent(*route.responseBody));
    } else if (!route.rawContentType.empty()) {
        Object::Ptr media = new Object;
        Object::Ptr schema = new Object;
        schema->set("type", "string");
        media->set("schema", schema);
        Object::Ptr content = new Object;
        content->set(route.rawContentType, media);
        success->set("content", content);
    }
    responses->set(std::to_string(route.successStatus), success);

    std::vector<int> errors = route.errorStatuses;
    if (route.requestBody || !route.queryParameters.empty()) errors.push_back(400);
    if (route.requestBody) errors.push_back(413);
    if (route.access == Access::Staff) {
        errors.push_back(401);
        errors.push_back(403);
    }
    for (int status : errors) {
        Object::Ptr e = new Object;
        e->set("description", reason(status));
        const auto special = route.errorBodies.find(status);
        e->set("content", jsonContent(special != route.errorBodies.end() ? special->second : errorSchema()));
        responses->set(std::to_string(status), e);
    }
    op->set("responses", responses);

    if (route.access == Access::Staff) {
        Array::Ptr security = new Array;
        Object::Ptr requirement = new Object;
        requirement->set("sessionCookie", Array::Ptr(new Array));
        if (route.changesState()) requirement->set("csrfHeader", Array::Ptr(new Array));
        security->add(requirement);
        op->set("security", security);
        Array::Ptr roles = new Array;
        for (auto role : domain::allRoles)
            if (domain::roleMayPerform(role, *route.operation)) roles->add(std::string(domain::roleName(role)));
        op->set("x-roles", roles);
    } else {
        op->set("security", Array::Ptr(new Array));
        if (route.plainHttp) op->set("x-plain-http", true);
    }
    return op;
}

std::string lowerMethod(const std::string& method) {
    std::string m = method;
    for (auto& c : m) c = static_cast<char>(c - 'A' + 'a');
    return m;
}

}  // namespace

Poco::JSON::Object::Ptr buildOpenApiDocument(const std::vector<Route>& routes, const std::string& version) {
    Object::Ptr doc = new Object;
    doc->set("openapi", "3.0.3");
    Object::Ptr info = new Object;
    info->set("title", "Clinic Hub API");
    info->set("version", version);
    info->set("description",
              "The clinic's on-premises API. JSON, snake_case fields, string ids, RFC 3339 times. "
              "Sign in with login; send the returned csrf_token as X-CSRF-Token on every change.");
    doc->set("info", info);

    Object::Ptr paths = new Object;
    for (const auto& route : routes) {
        Object::Ptr item = paths->has(route.path) ? paths->getObject(route.path) : Object::Ptr(new Object);
        item->set(lowerMethod(route.method), operationObject(route));
        paths->set(route.path, item);
    }
    doc->set("paths", paths);

    Object::Ptr schemes = new Object;
    Object::Ptr cookie = new Object;
    cookie->set("type", "apiKey");
    cookie->set("in", "cookie");
    cookie->set("name", sessionCookieName);
    schemes->set("sessionCookie", cookie);
    Object::Ptr csrf = new Object;
    csrf->set("type", "apiKey");
    csrf->set("in", "header");
    csrf->set("name", "X-CSRF-Token");
    schemes->set("csrfHeader", csrf);
    Object::Ptr components = new Object;
    components->set("securitySchemes", schemes);
    doc->set("components", components);
    return doc;
}

}  // namespace hub::api
