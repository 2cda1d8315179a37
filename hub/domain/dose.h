#pragma once
// Doses in the notation doctors in Bangladesh and India write on every
// prescription: "1+0+1" is one in the morning, none at noon, one at night;
// "1+1+1+1" is four times a day; "½+0+½" half a tablet twice.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::domain {

struct DoseSchedule {
    // Amount per time of day, in quarters of a unit ("½" is 2), morning first.
    std::vector<int> quarters;
    // The canonical spelling ("1+0+1", "½+0+½", "1½+0+0"), ASCII digits.
    std::string notation;
    int quartersPerDay() const;
};

// Parses 3 or 4 amounts joined by '+'. Each amount is a whole number, a
// fraction (½ ¼ ¾, "1/2", "0.5") or a mix ("1½"); Bangla digits (০-৯) work too.
// Returns nullopt if the text is not in this notation.
std::optional<DoseSchedule> parseDoseNotation(std::string_view text);

// A dose field holds either the notation or free text ("as needed", "SOS").
// Text with a '+' in it is meant as notation, so it must parse. Returns a message
// saying what is wrong, or nullopt when acceptable.
std::optional<std::string> checkDose(std::string_view text);

}  // namespace hub::domain
