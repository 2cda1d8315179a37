#pragma once
// The deletion ledger as it travels beside the restore points: the whole
// ledger as JSON, one object per change. A restore merges the newest ledger
// into whatever point it restores and applies every entry again.
#include "hub/store/deletion_ledger.h"

#include <string>
#include <string_view>
#include <vector>

namespace hub::sync {

std::string encodeLedger(const std::vector<store::LedgerEntry>& entries);
// Throws SyncError(DamagedObject) naming objectName.
std::vector<store::LedgerEntry> decodeLedger(std::string_view json, const std::string& objectName);

}  // namespace hub::sync
