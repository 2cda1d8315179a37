#pragma once
// Waiting-room displays and the doctors each one shows.
#include "hub/core/clock.h"
#include "hub/domain/display.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::store {

class DisplayRepository {
public:
    explicit DisplayRepository(Connection& c) : c_(c) {}

    // Returns the new display's id. REQUIRES: the doctor ids exist (foreign key).
    long long insert(const std::string& key, const domain::DisplaySettings& settings, TimePoint at);
    // Replaces every setting and the doctor list; false for an unknown id.
    bool update(long long id, const domain::DisplaySettings& settings, TimePoint at);
    // The display and its doctor list; false for an unknown id.
    bool remove(long long id);
    // A new secret for the display's URL; false for an unknown id.
    bool replaceKey(long long id, const std::string& key, TimePoint at);
    std::optional<domain::Display> find(long long id);
    std::optional<domain::Display> findByKey(std::string_view key);
    std::vector<domain::Display> list();  // by id

private:
    void writeDoctors(long long id, const std::vector<long long>& doctorIds);
    void readDoctors(domain::Display& display);

    Connection& c_;
};

}  // namespace hub::store
