import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `hibob-remote-bench`: see `Options.usage` and docs/BENCHMARKS.md.
@main
enum Bench {
  static func main() async {
    let options: Options
    do {
      options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    } catch {
      try? FileHandle.standardError.write(contentsOf: Data("hibob-remote-bench: \(error)\n".utf8))
      exit(2)
    }
    do {
      switch options.role {
      case .serveHibob(let size):
        try CheckBench.serve(size: size, latency: options.latencyMs / 1000)
      case .checkClient(let sequential):
        try await CheckBench.client(sequential: sequential)
      case .parseFile(let path):
        try ParseBench.run(path: path)
      case .syncRun(let size):
        try await SyncBench.child(size: size, options: options)
      case .main:
        let card = Scorecard(enforceTiming: !options.smoke)
        try await run(options, card: card)
        print("")
        if card.misses.isEmpty {
          print("every enforced target met")
        } else {
          print("targets missed: " + card.misses.joined(separator: "; "))
          exit(1)
        }
      }
    } catch {
      try? FileHandle.standardError.write(contentsOf: Data("hibob-remote-bench: \(error)\n".utf8))
      exit(2)
    }
  }

  static func run(_ options: Options, card: Scorecard) async throws {
    let machine = ProcessInfo.processInfo
    #if DEBUG
      let build = "debug build (figures are not representative: use -c release)"
    #else
      let build = "release build"
    #endif
    let load =
      (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ")
      .prefix(3).joined(separator: " ") ?? "unknown"
    print(
      "hibob-remote-bench: \(machine.activeProcessorCount) cores, "
        + "\(Format.megabytes(Double(machine.physicalMemory) / 1_048_576)) RAM, \(build), "
        + "load average \(load) (other work on the machine slows every figure)")
    if options.runCheck {
      try CheckReport.run(options, card: card)
    }
    if options.runSync {
      try SyncBench.run(options, card: card)
    }
  }
}
