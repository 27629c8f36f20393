import CLISupport
import Foundation

/// The benchmark's command line.
struct Options {
  enum Role {
    /// The default: run every size in child processes and print the figures.
    case main
    /// Hidden: serve a generated tenant of this size (a child process).
    case serveHibob(Int)
    /// Hidden: one check against the simulator in the environment (a child process).
    case checkClient(sequential: Bool)
    /// Hidden: the sync benchmark in a child process.
    case syncRun(Int)
    /// Hidden: time the client's JSON parser and search decoding on a saved search answer.
    case parseFile(String)
  }

  var role = Role.main
  var sizes = [1_000, 10_000, 50_000]
  var latencyMs = 50.0
  var smoke = false
  var syncSize = 10_000
  var inFlight = 16
  /// Seconds the first sync may take before it is stopped (and reported as not finished).
  var syncBudget = 120.0
  var runSync = true
  var runCheck = true

  static let usage = """
    usage: hibob-remote-bench [--sizes 1000,10000,50000] [--latency-ms 50] [--smoke]
                              [--sync-size 10000] [--in-flight 16] [--sync-budget 120]
                              [--no-sync] [--no-check]

    Generates compliant tenants of each size, serves them from the simulator (in a child
    process) with the latency added to every answer, and measures a check (in another child
    process) against each, then the same probes one after another; then a first and a second
    sync against the simulated Remote. Prints every figure with its target and PASS or MISS.

      --sizes N,N,...   tenant sizes for the check (default 1000,10000,50000)
      --latency-ms MS   added to every answer of both simulators (default 50)
      --sync-size N     employees selected for the sync benchmark (default 10000)
      --in-flight N     the sync's requests in flight (default 16)
      --sync-budget S   stop the first sync after S seconds (default 120) and report how far
                        it got
      --no-sync, --no-check   skip a part
      --smoke           a small, quick pass for CI (sizes 200,2000, 20 ms, sync of 300):
                        exits 1 when a correctness target fails; time targets are printed
                        but not enforced (CI builds are debug builds on a shared machine)

    Exit status: 0 when every enforced target is met, 1 when one is missed, 2 on a usage or
    setup error.
    """

  /// The flags, in `usage`'s order; then the hidden ones the benchmark gives its child processes.
  static let spec = ArgumentSpec(
    name: "hibob-remote-bench",
    valueOptions: [
      "--sizes", "--latency-ms", "--sync-size", "--in-flight", "--sync-budget", "--serve-hibob",
      "--sync-run", "--parse-file",
    ],
    flags: [
      "--smoke", "--no-sync", "--no-check", "--check-client", "--check-client-sequential", "-h",
      "--help",
    ],
    knownNames: [
      "--sizes", "--latency-ms", "--smoke", "--sync-size", "--in-flight", "--sync-budget",
      "--no-sync", "--no-check", "--help",
    ])

  /// Parses the command line with CLISupport's scanner (`--name value` or `--name=value`, any
  /// order, the last of a repeated option wins); `-h` or `--help` prints the usage and exits.
  static func parse(_ arguments: [String]) throws -> Options {
    if arguments.contains("-h") || arguments.contains("--help") {
      print(usage)
      exit(0)
    }
    let parsed: ParsedArguments
    do {
      parsed = try ParsedArguments.parse(arguments, spec: spec)
    } catch {
      throw BenchError(message(for: error))
    }
    func number(_ flag: String) throws -> Int? {
      guard let text = parsed.value(flag)?.replacingOccurrences(of: "_", with: "") else {
        return nil
      }
      guard let n = Int(text), n > 0 else { throw BenchError("\(flag) needs a positive number") }
      return n
    }
    var options = Options()
    if let sizes = parsed.value("--sizes") {
      let list = sizes.split(separator: ",").map { Int($0.replacingOccurrences(of: "_", with: "")) }
      guard !list.isEmpty, list.allSatisfy({ ($0 ?? 0) > 0 }) else {
        throw BenchError("--sizes needs positive numbers separated by commas")
      }
      options.sizes = list.compactMap { $0 }
    } else if parsed.has("--smoke") {
      options.sizes = [200, 2_000]
    }
    if let latency = parsed.value("--latency-ms") {
      guard let ms = Double(latency), ms >= 0 else {
        throw BenchError("--latency-ms needs a number of milliseconds")
      }
      options.latencyMs = ms
    } else if parsed.has("--smoke") {
      options.latencyMs = 20
    }
    if let size = try number("--sync-size") {
      options.syncSize = size
    } else if parsed.has("--smoke") {
      options.syncSize = 300
    }
    if let inFlight = try number("--in-flight") { options.inFlight = inFlight }
    if let budget = try number("--sync-budget") { options.syncBudget = Double(budget) }
    options.smoke = parsed.has("--smoke")
    options.runSync = !parsed.has("--no-sync")
    options.runCheck = !parsed.has("--no-check")
    // The hidden roles: one at a time, as the benchmark starts its children.
    if let size = try number("--serve-hibob") { options.role = .serveHibob(size) }
    if parsed.has("--check-client") { options.role = .checkClient(sequential: false) }
    if parsed.has("--check-client-sequential") { options.role = .checkClient(sequential: true) }
    if let size = try number("--sync-run") { options.role = .syncRun(size) }
    if let path = parsed.value("--parse-file") { options.role = .parseFile(path) }
    return options
  }

  /// The scanner's refusal in the benchmark's words: an unknown flag or a stray word is an
  /// `unknown argument`, with a near miss named and the usage under it.
  static func message(for error: ArgumentError) -> String {
    switch error {
    case .unknownOption(let argument, _, let closest):
      let hint = closest.map { "; did you mean \($0)?" } ?? ""
      return "unknown argument '\(argument)'\(hint)\n\n\(usage)"
    case .unexpectedArgument(let argument):
      return "unknown argument '\(argument)'\n\n\(usage)"
    default:
      return error.description
    }
  }
}
