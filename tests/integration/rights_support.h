#pragma once
// A patient with a history, made through the API as the clinic would: the
// front desk registers them, a doctor sees them twice (vitals, complaints,
// diagnoses, notes, a prescription), finalizes both visits and amends one.
#include "test_support.h"

#include <fstream>

namespace hub::it {

struct RightsClinic {
    HubDataDir dir;
    HubProcess hub{dir};
    std::unique_ptr<HubClient> admin = signedIn(hub, "admin");
    std::unique_ptr<HubClient> doctor = signedIn(hub, "dr.rahman");
    std::unique_ptr<HubClient> reception = signedIn(hub, "reception");
};

struct Seeded {
    std::string patientId;
    std::vector<std::string> visitIds;
};

inline Seeded seedPatient(RightsClinic& c, const std::string& name, const std::string& phone) {
    Seeded s;
    auto created = c.reception->post(
        "/api/v1/patients",
        json({{"name", name}, {"phone", phone}, {"sex", "female"}, {"date_of_birth", "1988-04-12"},
              {"address", "House 12, Road 7, Quuxbazar"}, {"guardian", "Guardian Quillfeather"},
              {"blood_group", "B+"}, {"consent_sms", true}, {"preferred_language", "bn"}}));
    INFO(created.describe());
    REQUIRE(created.status == 201);
    s.patientId = created.json->getValue<std::string>("id");
    auto clinical = c.doctor->patch("/api/v1/patients/" + s.patientId,
                                    R"j({"allergies":"Penicillin (rash)","chronic_conditions":["diabetes","hypertension"]})j");
    INFO(clinical.describe());
    REQUIRE(clinical.status == 200);
    const char* contents[] = {
        R"({"vitals":{"bp_systolic":150,"bp_diastolic":95,"pulse":88,"temperature_f":98.6,"weight_kg":71.5,
                      "height_cm":158,"spo2":97,"blood_glucose_mmol_l":9.4},
            "complaints":"Headache and thirst for two weeks",
            "diagnoses":[{"text":"Essential hypertension","icd10":"I10"},{"text":"Type 2 diabetes","icd10":"E11.9"}],
            "notes":"Confidential note: works night shifts",
            "investigations":"HbA1c, lipid profile",
            "advice":"Less salt; walk daily",
            "prescription":[{"drug":"Amlodipine","strength":"5 mg","form":"tablet","dose":"1+0+0",
                             "timing":"after_meal","duration":"1 month"},
                            {"drug":"Metformin","strength":"500 mg","form":"tablet","dose":"1+0+1",
                             "timing":"after_meal","duration":"3 months","instructions":"with food"}]})",
        R"({"vitals":{"bp_systolic":138,"bp_diastolic":88,"pulse":76},
            "complaints":"Follow-up",
            "diagnoses":[{"text":"Essential hypertension","icd10":"I10"}],
            "notes":"Improving",
            "prescription":[{"drug":"Paracetamol","strength":"500 mg","form":"tablet","dose":"½+0+½",
                             "timing":"any","duration":"5 days"},
                            {"drug":"ORS","form":"sachet","dose":"as needed","duration":"continue"}]})",
    };
    for (const char* content : contents) {
        auto body = parseObject(content);
        REQUIRE(body);
        body->set("patient_id", s.patientId);
        auto visit = c.doctor->post("/api/v1/visits", toJson(*body));
        INFO(visit.describe());
        REQUIRE(visit.status == 201);
        const std::string id = visit.json->getValue<std::string>("id");
        REQUIRE(c.doctor->request("POST", "/api/v1/visits/" + id + "/finalize").status == 200);
        s.visitIds.push_back(id);
    }
    auto amended = c.doctor->post("/api/v1/visits/" + s.visitIds[0] + "/amendments",
                                  R"({"reason":"advice corrected","advice":"Less salt; walk 30 minutes daily"})");
    INFO(amended.describe());
    REQUIRE(amended.status / 100 == 2);
    return s;
}


}  // namespace hub::it
