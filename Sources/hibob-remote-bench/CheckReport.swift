import Foundation

/// The parent's side of the check benchmark: one simulator child and two client children
/// (concurrent, then sequential) per size; the figures and targets.
enum CheckReport {
  /// Design depth: metadata -> full search -> history.
  static let designDepth = 3
  static let cpuLimit = 2.0
  static let memoryLimitMB = 300.0

  struct SizeResult {
    var size: Int
    var concurrent: CheckMeasurement
    var sequential: CheckMeasurement
    /// CPU the simulator spent answering each check (its own process, fresh for each).
    var serverCPUConcurrent: Double
    var serverCPUSequential: Double
    var server: ServerUsage
    var ready: ServerReady
  }

  static func run(_ options: Options, card: Scorecard) throws {
    let latency = options.latencyMs / 1000
    var results: [SizeResult] = []
    for size in options.sizes {
      let (concurrent, ready, usage) = try measure(size, options, ["--check-client"])
      let (sequential, _, sequentialUsage) = try measure(
        size, options, ["--check-client-sequential"])
      let result = SizeResult(
        size: size, concurrent: concurrent, sequential: sequential,
        serverCPUConcurrent: usage.cpuSeconds - ready.cpuSecondsAtReady,
        serverCPUSequential: sequentialUsage.cpuSeconds - ready.cpuSecondsAtReady,
        server: usage, ready: ready)
      results.append(result)
      print("")
      print(
        "check: \(Format.count(size)) employees, \(Format.count(Int(options.latencyMs))) ms "
          + "added to every answer (tenant generated in \(Format.seconds(ready.generateSeconds)))")
      report(result, latency: latency, card: card)
    }
    guard let first = results.first, let last = results.last, results.count > 1 else { return }
    print("")
    print("check: scaling")
    let counts = results.map { "\(Format.count($0.size)): \($0.concurrent.requests)" }
    card.check(
      "requests by headcount", counts.joined(separator: ", "),
      target: "\(Format.count(first.size)) = \(Format.count(last.size))",
      met: results.allSatisfy { $0.concurrent.requests == first.concurrent.requests })
    let cpu = results.map {
      "\(Format.count($0.size)): \(String(format: "%.0f", $0.concurrent.cpuSeconds * 1000)) ms"
    }
    card.info("client CPU by headcount", cpu.joined(separator: ", "))
    let memory = results.map {
      "\(Format.count($0.size)): \(String(format: "%.0f", $0.concurrent.peakMemoryMB)) MB"
    }
    card.info("client peak memory", memory.joined(separator: ", "))
  }

  /// One check against a fresh simulator process (so that its CPU is this check's alone).
  private static func measure(_ size: Int, _ options: Options, _ arguments: [String]) throws
    -> (CheckMeasurement, ServerReady, ServerUsage)
  {
    let server = try Child(
      arguments: ["--serve-hibob", String(size), "--latency-ms", String(options.latencyMs)])
    let ready = try server.read(ServerReady.self)
    let environment = [
      "BENCH_BASE_URL": ready.baseURL, "BENCH_USER": ready.serviceUserId,
      "BENCH_TOKEN": ready.token,
    ]
    let client = try Child(arguments: arguments, environment: environment)
    let measurement = try client.read(CheckMeasurement.self)
    let status = client.wait()
    server.closeInput()
    let usage = try server.read(ServerUsage.self)
    server.wait()
    guard status == 0 else { throw BenchError("a check client ended with status \(status)") }
    return (measurement, ready, usage)
  }

  static func report(_ result: SizeResult, latency: Double, card: Scorecard) {
    let c = result.concurrent
    let s = result.sequential
    card.check(
      "report verdict", c.verdict, target: "pass (compliant tenant)",
      met: c.verdict == "pass" && s.verdict == "pass")
    if !c.notPassing.isEmpty {
      card.info("  rules not passing", c.notPassing.joined(separator: " "))
    }
    card.check(
      "employees seen by the search", Format.count(c.employeesReturned),
      target: Format.count(result.size), met: c.employeesReturned == result.size)
    card.check(
      "requests made", "\(c.requests) (report: \(c.reportRequests))",
      target: "same at every headcount", met: c.requests == c.reportRequests)
    card.info(
      "answers received",
      "\(Format.megabytes(Double(c.answerBytes) / 1_048_576)) (largest "
        + "\(Format.megabytes(Double(c.largestAnswerBytes) / 1_048_576)))")
    // Measured from timings (a request counts as waiting for the one that ended last before it
    // started), so a quick answer can line up two independent chains: a timing target.
    card.check(
      "critical-path depth", String(c.depth), target: "\(designDepth) (metadata, search, history)",
      met: c.depth == designDepth, timing: true)
    card.info("  measured chain", c.chain.joined(separator: " -> "))
    let bound = 1.5 * Double(c.depth) * latency + c.cpuSeconds
    card.check(
      "wall time", Format.seconds(c.wallSeconds),
      target: "<= 1.5 x \(c.depth) x \(Int(latency * 1000)) ms + CPU = \(Format.seconds(bound))",
      met: c.wallSeconds <= bound, timing: true)
    if latency > 0 {
      card.info(
        "wall / (depth x latency)", Format.ratio(c.wallSeconds / (Double(c.depth) * latency)))
      card.info(
        "(wall - CPU) / (depth x latency)",
        Format.ratio((c.wallSeconds - c.cpuSeconds) / (Double(c.depth) * latency)))
    }
    card.check(
      "CPU time (client, user+sys)", Format.seconds(c.cpuSeconds),
      target: "< \(Format.seconds(cpuLimit))", met: c.cpuSeconds < cpuLimit, timing: true)
    card.check(
      "peak memory (client RSS)",
      "\(Format.megabytes(c.peakMemoryMB))",
      target: "< \(Format.megabytes(memoryLimitMB))", met: c.peakMemoryMB < memoryLimitMB)
    card.info("  RSS before the check", Format.megabytes(c.startMemoryMB))
    card.check(
      "sequential baseline requests", String(s.requests), target: "= concurrent (\(c.requests))",
      met: s.requests == c.requests)
    card.info(
      "sequential baseline",
      "wall \(Format.seconds(s.wallSeconds)), depth \(s.depth), CPU \(Format.seconds(s.cpuSeconds))"
    )
    card.info(
      "speed-up (sequential / concurrent)", Format.ratio(s.wallSeconds / c.wallSeconds) + "x")
    card.info(
      "simulator CPU answering",
      "\(Format.seconds(result.serverCPUConcurrent)) (its own process; peak "
        + "\(Format.megabytes(result.server.peakMemoryMB)) with the tenant)")
    let explained = bound + result.serverCPUConcurrent
    card.info(
      "  wall vs bound + simulator CPU",
      "\(Format.seconds(c.wallSeconds)) vs \(Format.seconds(explained))"
        + (c.wallSeconds <= explained ? " (within)" : " (over)"))
  }
}
