// The event journal: monotonic ids, resume after a given id, "too old" for ids
// that left the ring or belong to another process, and appends from many threads.
#include "hub/events/event_journal.h"

#include "support/catch.h"

#include <map>
#include <thread>

using hub::events::EventJournal;
using hub::events::EventPtr;

namespace {

std::vector<long long> idsOf(const std::vector<EventPtr>& events) {
    std::vector<long long> ids;
    for (const auto& e : events) ids.push_back(e->id);
    return ids;
}

}  // namespace

TEST_CASE("a journal hands out consecutive ids from its first id, and lastId is one before the next", "[events]") {
    EventJournal journal(16, 1000);
    CHECK(journal.lastId() == 999);
    CHECK(journal.since(999)->empty());
    CHECK(journal.append("staff", "queue", R"({"n":1})") == 1000);
    CHECK(journal.append("display/1", "queue", R"({"n":2})") == 1001);
    CHECK(journal.lastId() == 1001);
    const auto all = journal.since(999);
    REQUIRE(all);
    CHECK(idsOf(*all) == std::vector<long long>{1000, 1001});
    CHECK((*all)[1]->topic == "display/1");
    CHECK((*all)[1]->type == "queue");
    CHECK((*all)[1]->data == R"({"n":2})");
    CHECK((*all)[1]->frame == "id: 1001\nevent: queue\ndata: {\"n\":2}\n\n");
}

TEST_CASE("a client that was away gets exactly the events after its last id, in order", "[events]") {
    EventJournal journal(16, 1);
    for (int i = 0; i < 10; ++i) journal.append("staff", "queue", std::to_string(i));
    const auto missed = journal.since(7);
    REQUIRE(missed);
    CHECK(idsOf(*missed) == std::vector<long long>{8, 9, 10});
    CHECK((*missed)[0]->data == "7");
    CHECK(journal.since(10)->empty());
}

TEST_CASE("an id whose successors left the ring, a future id and another process's id are too old", "[events]") {
    EventJournal journal(3, 1);
    for (int i = 0; i < 5; ++i) journal.append("staff", "queue", "{}");
    // Ids 3, 4, 5 are kept: resuming from 2 is complete, from 1 is not.
    REQUIRE(journal.since(2));
    CHECK(idsOf(*journal.since(2)) == std::vector<long long>{3, 4, 5});
    CHECK_FALSE(journal.since(1));
    CHECK_FALSE(journal.covers(1));
    CHECK(journal.covers(5));
    CHECK_FALSE(journal.since(6));  // never issued
    CHECK_FALSE(journal.since(-1));

    // After a restart the new process starts somewhere else entirely.
    EventJournal restarted;
    CHECK_FALSE(restarted.since(5));
    CHECK(restarted.since(restarted.lastId()));
}

TEST_CASE("random first ids are exact in JavaScript and differ between processes", "[events]") {
    const long long a = hub::events::randomFirstId(), b = hub::events::randomFirstId();
    for (long long id : {a, b}) {
        CHECK(id >= (1LL << 40));
        CHECK(id < (1LL << 52));
    }
    CHECK(a != b);
}

TEST_CASE("an SSE frame splits data with line breaks into data lines", "[events]") {
    CHECK(hub::events::sseFrame(7, "reset", "a\nb") == "id: 7\nevent: reset\ndata: a\ndata: b\n\n");
    CHECK(hub::events::sseFrame(8, "x", "") == "id: 8\nevent: x\ndata: \n\n");
}

TEST_CASE("appends from many threads get distinct ids and each thread's events stay in its order", "[events]") {
    EventJournal journal(10'000, 1);
    int woken = 0;
    std::mutex wokenMutex;
    journal.setListener([&] {
        std::lock_guard lock(wokenMutex);
        ++woken;
    });
    constexpr int threads = 8, perThread = 500;
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t)
        writers.emplace_back([&journal, t] {
            for (int i = 0; i < perThread; ++i) journal.append("t" + std::to_string(t), "queue", std::to_string(i));
        });
    for (auto& w : writers) w.join();

    const auto all = journal.since(0);
    REQUIRE(all);
    REQUIRE(all->size() == threads * perThread);
    std::map<std::string, int> nextOf;
    long long previous = 0;
    for (const auto& e : *all) {
        CHECK(e->id == previous + 1);
        previous = e->id;
        CHECK(std::stoi(e->data) == nextOf[e->topic]++);
    }
    CHECK(woken == threads * perThread);
}
