#pragma once
// Visit content as JSON: the one mapping used both for what the API serves and
// for what the store keeps as text (an amendment's previous content, a
// template's items), so a stored snapshot reads exactly like the API did.
// The domain stays free of JSON; this is the only translation.
#include "hub/domain/visit.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>
#include <vector>

namespace hub::opd {

// Only the recorded vitals appear; an empty Vitals is {}.
Poco::JSON::Object::Ptr vitalsJson(const domain::Vitals& vitals);
Poco::JSON::Array::Ptr diagnosesJson(const std::vector<domain::Diagnosis>& diagnoses);
Poco::JSON::Object::Ptr prescriptionItemJson(const domain::PrescriptionItem& item);
Poco::JSON::Array::Ptr prescriptionJson(const std::vector<domain::PrescriptionItem>& items);
// vitals, complaints, diagnoses, notes, investigations, advice,
// follow_up_date (null when none), prescription.
Poco::JSON::Object::Ptr visitContentJson(const domain::VisitContent& content);

// From JSON whose shape is already checked (by the API's schema, or because
// this module wrote it). Values the shape cannot express are checked here and
// throw Error(InvalidInput) naming the field under path, e.g.
// "prescription[1].duration"; dose notation is checked by the domain later.
domain::Vitals vitalsFromJson(const Poco::JSON::Object::Ptr& json);
std::vector<domain::Diagnosis> diagnosesFromJson(const Poco::JSON::Array::Ptr& json);
std::vector<domain::PrescriptionItem> prescriptionFromJson(const Poco::JSON::Array::Ptr& json,
                                                           const std::string& path);
domain::VisitContent visitContentFromJson(const Poco::JSON::Object::Ptr& json);

std::string jsonText(const Poco::Dynamic::Var& json);
Poco::Dynamic::Var parseJsonText(const std::string& text);  // throws Error(Internal) if malformed

}  // namespace hub::opd
