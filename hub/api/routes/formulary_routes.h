#pragma once
#include "hub/api/route.h"
#include "hub/opd/formulary_service.h"

namespace hub::api {

// The admin's formulary and templates (issue 17): createDrug, updateDrug,
// deleteDrug, listClinicPrescriptionTemplates, deletePrescriptionTemplate.
std::vector<Route> formularyRoutes(opd::FormularyService& formulary);

}  // namespace hub::api
