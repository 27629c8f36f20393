import Foundation
import HibobAPI

/// `--parse-file PATH`: the client's JSON parser on a saved search answer, timed, for profiling
/// (`perf record`, `valgrind --tool=callgrind`) without a network in the way.
enum ParseBench {
  static func run(path: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let startMemory = ProcessResources.currentMemoryMB()
    let cpu = ProcessResources.cpuSeconds()
    let start = ProcessResources.now()
    let json = try JSONParser.parse(data)
    let parsed = ProcessResources.now()
    let parsedMemory = ProcessResources.currentMemoryMB()
    let count = json["employees"]?.arrayValue?.count ?? 0
    print(
      String(
        format:
          "%d employees, %.1f MB: parsed in %.3f s (%.0f MB/s), CPU %.3f s, RSS %.0f -> %.0f MB",
        count, Double(data.count) / 1_048_576, parsed - start,
        Double(data.count) / 1_048_576 / (parsed - start), ProcessResources.cpuSeconds() - cpu,
        startMemory, parsedMemory))
  }
}
