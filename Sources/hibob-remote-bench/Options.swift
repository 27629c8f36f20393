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

  static func parse(_ arguments: [String]) throws -> Options {
    var options = Options()
    var rest = arguments[...]
    var sizesGiven = false
    var latencyGiven = false
    var syncSizeGiven = false
    func value(_ flag: String) throws -> String {
      guard let next = rest.popFirst() else { throw BenchError("\(flag) needs a value") }
      return next
    }
    func number(_ flag: String) throws -> Int {
      let text = try value(flag).replacingOccurrences(of: "_", with: "")
      guard let n = Int(text), n > 0 else { throw BenchError("\(flag) needs a positive number") }
      return n
    }
    while let argument = rest.popFirst() {
      switch argument {
      case "--sizes":
        let list = try value(argument).split(separator: ",").map {
          Int($0.replacingOccurrences(of: "_", with: ""))
        }
        guard !list.isEmpty, list.allSatisfy({ ($0 ?? 0) > 0 }) else {
          throw BenchError("--sizes needs positive numbers separated by commas")
        }
        options.sizes = list.compactMap { $0 }
        sizesGiven = true
      case "--latency-ms":
        guard let ms = Double(try value(argument)), ms >= 0 else {
          throw BenchError("--latency-ms needs a number of milliseconds")
        }
        options.latencyMs = ms
        latencyGiven = true
      case "--sync-size":
        options.syncSize = try number(argument)
        syncSizeGiven = true
      case "--in-flight": options.inFlight = try number(argument)
      case "--sync-budget": options.syncBudget = Double(try number(argument))
      case "--smoke": options.smoke = true
      case "--no-sync": options.runSync = false
      case "--no-check": options.runCheck = false
      case "--serve-hibob": options.role = .serveHibob(try number(argument))
      case "--check-client": options.role = .checkClient(sequential: false)
      case "--check-client-sequential": options.role = .checkClient(sequential: true)
      case "--sync-run": options.role = .syncRun(try number(argument))
      case "--parse-file": options.role = .parseFile(try value(argument))
      case "-h", "--help":
        print(usage)
        exit(0)
      default: throw BenchError("unknown argument '\(argument)'\n\n\(usage)")
      }
    }
    if options.smoke {
      if !sizesGiven { options.sizes = [200, 2_000] }
      if !latencyGiven { options.latencyMs = 20 }
      if !syncSizeGiven { options.syncSize = 300 }
    }
    return options
  }
}
