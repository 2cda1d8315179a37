#include "hub/sync/pruning.h"

#include "hub/sync/cloud_copy.h"
#include "hub/sync/layout.h"

#include <algorithm>
#include <ctime>
#include <functional>
#include <map>

namespace hub::sync {
namespace {

long long dayNumber(TimePoint t) {
    const long long s = toUnixSeconds(t);
    return s >= 0 ? s / 86400 : (s - 86399) / 86400;
}
// 1970-01-01 was a Thursday: +3 makes weeks run Monday to Sunday.
long long weekNumber(TimePoint t) { return (dayNumber(t) + 3) / 7; }
long long monthNumber(TimePoint t) {
    const std::time_t s = static_cast<std::time_t>(toUnixSeconds(t));
    std::tm tm{};
    gmtime_r(&s, &tm);
    return static_cast<long long>(tm.tm_year) * 12 + tm.tm_mon;
}

// The newest point of each of the `count` newest buckets. REQUIRES: newest first.
void keepNewestPerBucket(const std::vector<PointAge>& newestFirst, int count,
                         const std::function<long long(TimePoint)>& bucketOf, std::set<std::uint64_t>& kept) {
    std::set<long long> buckets;
    for (const auto& p : newestFirst) {
        if (static_cast<int>(buckets.size()) >= count) break;
        if (buckets.insert(bucketOf(p.createdAt)).second) kept.insert(p.sequence);
    }
}

}  // namespace

std::set<std::uint64_t> selectKept(std::vector<PointAge> points, const Retention& retention) {
    std::set<std::uint64_t> kept;
    if (points.empty()) return kept;
    std::sort(points.begin(), points.end(), [](const PointAge& a, const PointAge& b) { return a.sequence > b.sequence; });
    kept.insert(points.front().sequence);
    keepNewestPerBucket(points, retention.daily, dayNumber, kept);
    keepNewestPerBucket(points, retention.weekly, weekNumber, kept);
    keepNewestPerBucket(points, retention.monthly, monthNumber, kept);
    return kept;
}

PruneResult prune(ObjectStore& store, const DataKey& key, const Retention& retention, std::uint64_t lastSequence) {
    PruneResult result;
    std::vector<PointAge> ages;
    std::map<std::uint64_t, RestorePoint> points;
    for (const std::uint64_t seq : listRestorePoints(store)) {
        if (seq > lastSequence) continue;  // not ours to judge
        RestorePoint p = fetchRestorePoint(store, key, seq);  // throws: then nothing is removed
        ages.push_back({seq, p.createdAt});
        points.emplace(seq, std::move(p));
    }
    const auto kept = selectKept(ages, retention);
    std::set<std::string> needed;
    for (const auto seq : kept)
        for (const auto& ref : points.at(seq).objects()) needed.insert(ref.name);

    for (const auto& [seq, point] : points) {
        if (kept.count(seq)) continue;
        store.remove(layout::pointName(seq));
        ++result.pointsRemoved;
    }
    for (const auto& object : store.list(layout::dataPrefix)) {
        const auto seq = layout::sequenceOf(object.name);
        if (seq == 0 || seq > lastSequence || needed.count(object.name)) continue;
        store.remove(object.name);
        ++result.objectsRemoved;
    }
    return result;
}

}  // namespace hub::sync
