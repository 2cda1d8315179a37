// The nightly sync on a ten-clinic-year dataset (issue 18), beside the two
// things a clinic could do instead: upload the whole database file every night,
// or back the data directory up with restic. Everything runs here, in one run:
//
//   1. `clinic-hub demo-data --years N` (about 100 visits a day);
//   2. the first sync (a full copy) into an in-process object store: time, bytes;
//      restic backs the same data directory up into a local repository;
//   3. one typical 150-patient day is added; the next sync (a changeset) and the
//      next restic backup: bytes each, beside the database file's size;
//   4. the other design, measured on the same two snapshots: content-addressed
//      chunks of the page-for-page copy (4, 16, 64 KiB), zstd-compressed, only
//      the chunks the day changed;
//   5. compress+encrypt and decrypt+decompress throughput on the database;
//   6. restore (download from memory, authenticate, rebuild, ledger, checks)
//      beside `restic restore`.
//
// The object store is in memory so that the figures are the hub's own work,
// not the network's; bytes are what a real link would carry.
//
//   sync-bench [--years N] [--no-restic] [--dir DIR]
#include "hub/cli/cli.h"
#include "hub/opd/synthetic_history.h"
#include "hub/store/snapshot.h"
#include "hub/store/staff_repository.h"
#include "hub/sync/compression.h"
#include "hub/sync/key_wrap.h"
#include "hub/sync/object_store.h"
#include "hub/sync/restorer.h"
#include "hub/sync/sealed_object.h"
#include "hub/sync/sync_run.h"
#include "hub/tls/certificate_authority.h"
#include "hub/tls/digest.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace hub;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

double seconds(Steady::duration d) { return std::chrono::duration<double>(d).count(); }
double mb(double bytes) { return bytes / 1e6; }

std::uintmax_t directoryBytes(const fs::path& dir) {
    std::uintmax_t total = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) total += e.file_size();
    return total;
}

std::string readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void run(const std::string& command) {
    if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
}

void addDay(const fs::path& database, int visits, int dayIndex) {
    auto db = store::Database::open(database);
    opd::HistoryOptions o;
    for (const auto& s : db->read([](store::Connection& c) { return store::StaffRepository(c).list(); })) {
        if (s.member.username == "dr.rahman") o.doctors.push_back({s.member.id, "dr.rahman", "A"});
        if (s.member.username == "dr.sen") o.doctors.push_back({s.member.id, "dr.sen", "B"});
        if (s.member.username == "reception") o.receptionId = s.member.id;
        if (s.member.username == "nurse.akter") o.nurseId = s.member.id;
    }
    o.firstDay = {2030, 1, 1 + dayIndex};
    o.days = 1;
    o.visitsPerDay = visits;  // the generator varies each day by +-20 %
    o.seed = 99;
    opd::SyntheticPatients patients(99);
    opd::insertSyntheticHistory(*db, patients, o);
}

// Bytes of the chunks of `after` (zstd-compressed) that `before` does not hold:
// what design (b), content-addressed deduplicated chunks, would upload.
std::pair<std::uint64_t, std::uint64_t> newChunkBytes(const std::string& before, const std::string& after, std::size_t size) {
    std::set<std::string> known;
    for (std::size_t at = 0; at < before.size(); at += size) known.insert(tls::sha256Hex(std::string_view(before).substr(at, size)));
    std::uint64_t raw = 0, compressed = 0;
    for (std::size_t at = 0; at < after.size(); at += size) {
        const auto chunk = std::string_view(after).substr(at, size);
        if (known.insert(tls::sha256Hex(chunk)).second) {
            raw += chunk.size();
            compressed += sync::compress(chunk).size();
        }
    }
    return {raw, compressed};
}

struct Restic {
    bool enabled;
    fs::path repo;
    // Bytes the repository grew by (what would go over the link) and seconds.
    std::pair<std::uintmax_t, double> backup(const fs::path& dataDir) {
        const auto before = fs::exists(repo) ? directoryBytes(repo) : 0;
        const auto t0 = Steady::now();
        // The clinic's data, as the hub's own backup sees it: the sync's
        // working files (its base copy, its keys) are not part of it.
        run("restic -r " + repo.string() + " backup --quiet --exclude " + (dataDir / "sync").string() + " " +
            dataDir.string() + " > /dev/null");
        return {directoryBytes(repo) - before, seconds(Steady::now() - t0)};
    }
};

}  // namespace

int main(int argc, char** argv) {
    int years = 10;
    bool withRestic = true;
    fs::path dir;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--years" && i + 1 < argc) years = std::atoi(argv[++i]);
        else if (a == "--no-restic") withRestic = false;
        else if (a == "--dir" && i + 1 < argc) dir = argv[++i];
        else {
            std::fprintf(stderr, "usage: sync-bench [--years N] [--no-restic] [--dir DIR]\n");
            return 2;
        }
    }
    const bool ownDir = dir.empty();
    if (ownDir) dir = fs::temp_directory_path() / ("sync-bench-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path data = dir / "data", database = data / "clinic-hub.db";
    SystemClock clock;
    SystemRandom random;

    std::printf("== dataset: %d clinic-years\n", years);
    auto t0 = Steady::now();
    const std::string yearsText = std::to_string(years);
    const char* demoArgs[] = {"clinic-hub", "demo-data", "--years", yearsText.c_str(), "--data-dir", data.c_str()};
    if (cli::runCli(6, demoArgs) != 0) return 1;
    std::printf("generated in %.0f s; database %.1f MB\n", seconds(Steady::now() - t0), mb(static_cast<double>(fs::file_size(database))));

    sync::MemoryObjectStore store;
    const auto key = sync::DataKey::generate();
    sync::SyncSettings settings;
    settings.target = {"https://bench.invalid", "bench-bucket", "", "us-east-1", true, "", {"id", "secret"}, 0};
    tls::CertificateAuthority ca(data / "tls", clock);
    ca.ensureRoot();
    const sync::RunContext context{sync::SyncPaths{data}, settings, store, key,
                                   sync::wrapDataKey(key, "benchmark passphrase"), clock, random,
                                   [&ca](std::string_view m) { return ca.signWithRoot(m); }, nullptr};
    Restic restic{withRestic, dir / "restic-repo"};
    if (withRestic) {
        ::setenv("RESTIC_PASSWORD", "benchmark passphrase", 1);
        run("restic -r " + restic.repo.string() + " init --repository-version 2 > /dev/null");
    }

    std::printf("\n== first sync (full copy)\n");
    const auto first = sync::runSync(context);
    std::printf("hub:    %.1f s, %.1f MB uploaded in %llu objects (database %.1f MB)\n", static_cast<double>(first.duration.count()) / 1000,
                mb(static_cast<double>(first.bytesUploaded)), static_cast<unsigned long long>(first.objectsUploaded), mb(static_cast<double>(first.plainBytes)));
    std::pair<std::uintmax_t, double> resticFirst{0, 0};
    if (withRestic) {
        resticFirst = restic.backup(data);
        std::printf("restic: %.1f s, %.1f MB added to the repository\n", resticFirst.second, mb(static_cast<double>(resticFirst.first)));
    }

    std::printf("\n== a typical 150-patient day\n");
    const fs::path before = dir / "before.db", after = dir / "after.db";
    store::copyDatabase(database, before);
    addDay(database, 150, 0);
    store::copyDatabase(database, after);
    const auto second = sync::runSync(context);
    const double plainNight = static_cast<double>(fs::file_size(database));
    std::printf("hub:    %.2f s, %.3f MB uploaded in %llu objects (changeset %.3f MB before compression)\n",
                static_cast<double>(second.duration.count()) / 1000, mb(static_cast<double>(second.bytesUploaded)),
                static_cast<unsigned long long>(second.objectsUploaded), mb(static_cast<double>(second.plainBytes)));
    std::printf("plain full-database upload: %.1f MB (%.0fx the hub's)\n", mb(plainNight), plainNight / static_cast<double>(second.bytesUploaded));
    std::pair<std::uintmax_t, double> resticDay{0, 0};
    if (withRestic) {
        resticDay = restic.backup(data);
        std::printf("restic: %.2f s, %.3f MB added (%.1fx the hub's)\n", resticDay.second, mb(static_cast<double>(resticDay.first)),
                    static_cast<double>(resticDay.first) / static_cast<double>(second.bytesUploaded));
    }

    std::printf("\n== design (b): content-addressed chunks of the page copy, same day\n");
    {
        const std::string a = readAll(before), b = readAll(after);
        for (std::size_t size : {4096u, 16384u, 65536u}) {
            const auto [raw, compressed] = newChunkBytes(a, b, size);
            std::printf("%3zu KiB chunks: %.2f MB new, %.2f MB compressed (%.1fx design (a)'s upload)\n", size / 1024, mb(static_cast<double>(raw)),
                        mb(static_cast<double>(compressed)), static_cast<double>(compressed) / static_cast<double>(second.bytesUploaded));
        }
    }

    std::printf("\n== compress+encrypt throughput (16 MiB parts of the database)\n");
    {
        const std::string whole = readAll(after);
        std::vector<std::string> sealed;
        t0 = Steady::now();
        for (std::size_t at = 0; at < whole.size(); at += sync::kPartBytes)
            sealed.push_back(sync::sealObject(key, sync::ObjectKind::SnapshotPart, "p", 1, std::string_view(whole).substr(at, sync::kPartBytes)));
        const double sealSeconds = seconds(Steady::now() - t0);
        std::uint64_t sealedBytes = 0, openedBytes = 0;
        t0 = Steady::now();
        for (const auto& s : sealed) {
            sealedBytes += s.size();
            openedBytes += sync::openObject(key, sync::ObjectKind::SnapshotPart, "p", 1, s).size();
        }
        const double openSeconds = seconds(Steady::now() - t0);
        if (openedBytes != whole.size()) throw std::runtime_error("sealed parts did not open to the database");
        std::printf("seal: %.0f MB/s of database; open: %.0f MB/s; compressed to %.0f %%\n", mb(static_cast<double>(whole.size())) / sealSeconds,
                    mb(static_cast<double>(whole.size())) / openSeconds, 100.0 * static_cast<double>(sealedBytes) / static_cast<double>(whole.size()));
    }

    std::printf("\n== restore\n");
    sync::RestoreRequest request;
    request.dataDir = dir / "restored";
    request.settings = settings;
    request.passphrase = "benchmark passphrase";
    const auto restored = sync::restoreClinic(store, request, clock, random);
    std::printf("hub:    %.1f s (restore point %llu: %.1f MB downloaded, authenticated, rebuilt, checked)\n",
                static_cast<double>(restored.duration.count()) / 1000, static_cast<unsigned long long>(restored.sequence),
                mb(static_cast<double>(restored.bytesDownloaded)));
    if (withRestic) {
        t0 = Steady::now();
        run("restic -r " + restic.repo.string() + " restore latest --quiet --target " + (dir / "restic-restored").string() + " > /dev/null");
        std::printf("restic: %.1f s\n", seconds(Steady::now() - t0));
    }
    if (ownDir) fs::remove_all(dir);
    return 0;
}
