import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Simulator
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Tenants made from a fixture file with one change, for the cases no fixture covers.
enum TenantVariant {
  /// `name`'s JSON, changed by `change`, loaded as a tenant.
  static func make(_ name: String, _ change: (inout [String: Any]) -> Void) throws -> Tenant {
    let data = try Data(contentsOf: Fixtures.tenants.appendingPathComponent("\(name).json"))
    var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    change(&json)
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-variant-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("tenant.json")
    try JSONSerialization.data(withJSONObject: json).write(to: file)
    return try Tenant.load(contentsOf: file)
  }

  /// Removes the employees' values of the fields `drop` selects.
  static func dropEmployeeFields(_ json: inout [String: Any], _ drop: (String) -> Bool) {
    guard let employees = json["employees"] as? [[String: Any]] else { return }
    json["employees"] = employees.map { employee in
      var copy = employee
      if let fields = employee["fields"] as? [String: Any] {
        copy["fields"] = fields.filter { !drop($0.key) }
      }
      return copy
    }
  }
}

/// Reads a JSON object from a file.
private func jsonObject(_ url: URL) throws -> [String: Any] {
  try #require(
    try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
}

/// Issue 11, the gate: a replayed report is not a live one, one "Sync to Remote" lookup, a
/// dependency's failure is `skipped`, a served recording answers every run alike, and a live run
/// leaves no folder behind.
@Suite("Issue 11: the gate", .serialized)
struct GateIntegrityTests {
  // MARK: - Replayed reports

  /// A report replayed from a recording says so in its JSON, keeps the recording's time and is
  /// refused by `sync --report`; a live report of the same run is accepted, and a report without
  /// the key (an older version's) is refused but still read by `diff`.
  @Test func aReplayedReportSaysSoAndTheGateRefusesIt() async throws {
    let tenant = try Fixtures.tenant("compliant")
    let world = try SyncEndToEndTests.world(tenant)
    defer { world.stop() }
    let dir = world.folder
    let recording = dir.appendingPathComponent("recording.json")
    let live = dir.appendingPathComponent("live.json")
    let replayed = dir.appendingPathComponent("replayed.json")
    let env = Fixtures.credentials(tenant)

    let check = try await ToolProcess.run(
      [
        "check", "--base-url", world.hibob.baseURL.absoluteString, "--record", recording.path,
        "--format", "json", "--output", live.path,
      ], environment: env)
    #expect(check.exitCode == 0, "\(check.stderr)")
    #expect(try jsonObject(live)["source"] as? String == "live")

    let replay = try await ToolProcess.run(
      ["check", "--replay", recording.path, "--format", "json", "--output", replayed.path])
    #expect(replay.exitCode == 0, "\(replay.stderr)")
    let replayedJSON = try jsonObject(replayed)
    #expect(replayedJSON["source"] as? String == "replay")
    #expect(
      replayedJSON["generated_at"] as? String == (try jsonObject(recording))["recorded_at"]
        as? String)
    #expect(replay.stderr.contains("replayed from a recording"), "\(replay.stderr)")

    // The replay passes and is minutes old at most, for the same tenant: only its source
    // keeps it from standing in for the check.
    let refused = try await ToolProcess.run(
      world.arguments(["--report", replayed.path, "--dry-run"]),
      environment: env.merging(["REMOTE_API_TOKEN": "remote-test-token"]) { $1 })
    #expect(refused.exitCode == 3, "\(refused.stdout)\(refused.stderr)")
    #expect(refused.output.contains("replayed from a recording"), "\(refused.output)")
    #expect(world.remote.requestLog.isEmpty, "Remote was touched behind a replayed report")

    let accepted = try await ToolProcess.run(
      world.arguments(["--report", live.path, "--dry-run"]),
      environment: env.merging(["REMOTE_API_TOKEN": "remote-test-token"]) { $1 })
    // Past the gate (the compliant tenant's start dates are past, so the plan skips them: 1).
    #expect(accepted.exitCode != 3, "\(accepted.stdout)\(accepted.stderr)")
    #expect(accepted.stdout.contains("dry run"), "\(accepted.stdout)")
    #expect(!accepted.output.contains("refused"), "\(accepted.output)")

    // A report of an older version has no "source": not taken as live, still read by diff.
    var old = try jsonObject(live)
    old.removeValue(forKey: "source")
    let oldFile = dir.appendingPathComponent("old.json")
    try JSONSerialization.data(withJSONObject: old).write(to: oldFile)
    let oldRefused = try await ToolProcess.run(
      world.arguments(["--report", oldFile.path, "--dry-run"]),
      environment: env.merging(["REMOTE_API_TOKEN": "remote-test-token"]) { $1 })
    #expect(oldRefused.exitCode == 3)
    #expect(oldRefused.output.contains("does not say it was made by a live check"))
    let diff = try await ToolProcess.run(["diff", oldFile.path, live.path])
    #expect(diff.exitCode == 0, "\(diff.output)")
    FixtureLeakScanner.shared.check(
      check.output + replay.output + refused.output + accepted.output + oldRefused.output,
      source: "replayed report and gate")
  }

  /// Every format of a replay says it is one, with the recording's time, never the replay's.
  @Test func everyFormatOfAReplaySaysItIsOne() async throws {
    let (_, _, recorded) = try await RecordingFixtures.record("compliant")
    var recording = recorded
    recording.recordedAt = "2026-11-24T16:00:00Z"
    let dir = try RecordingFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("recording.json")
    try recording.encoded().write(to: file)

    let text = try await ToolProcess.run(["check", "--replay", file.path, "--no-color"])
    let header = text.stdout.split(separator: "\n").prefix(3).joined(separator: "\n")
    #expect(header.contains("replayed from a recording"), "\(header)")
    #expect(header.contains("2026-11-24T16:00:00Z"), "\(header)")
    let json = try await ToolProcess.run(["check", "--replay", file.path, "--format", "json"])
    let report = try Report.decode(Data(json.stdout.utf8))
    #expect(report.source == .replay)
    #expect(report.generatedAt == "2026-11-24T16:00:00Z")
    let markdown = try await ToolProcess.run(
      ["check", "--replay", file.path, "--format", "markdown"])
    #expect(
      markdown.stdout.split(separator: "\n").first?.contains("replayed from a recording") == true,
      "\(markdown.stdout.prefix(200))")
    let junit = try await ToolProcess.run(["check", "--replay", file.path, "--format", "junit"])
    #expect(junit.stdout.contains(#"<property name="source" value="replay"/>"#))
  }

  // MARK: - One "Sync to Remote" lookup

  /// Two fields named "Sync to Remote": the Work list and a decoy earlier in the metadata. The
  /// search asks for, the list probe reads, and the rules judge the same field: the Work list.
  @Test(arguments: [
    #"{"id": "about.custom.field_2", "name": " sync to REMOTE", "categoryId": "about", "type": "text"}"#,
    #"{"id": "personal.custom.field_3", "name": "Sync to Remote", "categoryId": "personal", "type": "list", "listId": "department"}"#,
  ])
  func oneSyncFieldLookup(decoy: String) async throws {
    let decoyField = try #require(
      try JSONSerialization.jsonObject(with: Data(decoy.utf8)) as? [String: Any])
    let tenant = try TenantVariant.make("compliant") { json in
      json["fields"] = [decoyField] + (json["fields"] as? [[String: Any]] ?? [])
    }
    let workField = "work.custom.field_1680187492413"
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let (outcome, recording) = await PreflightRunner.record(
      RecordingFixtures.settings(tenant, baseURL: hibob.baseURL))

    let fields = try #require(outcome.observations.fieldMetadata.value)
    let decoyIndex = try #require(fields.firstIndex { $0.id == decoyField["id"] as? String })
    let workIndex = try #require(fields.firstIndex { $0.id == workField })
    #expect(decoyIndex < workIndex, "the decoy must come first to fool a first-by-name lookup")
    #expect(SyncField.find(in: fields)?.id == workField)
    #expect(ProbePlan(fields: fields).syncField?.id == workField)

    // What was searched and read.
    let searches = recording.exchanges.filter {
      $0.method == "POST" && $0.target.hasPrefix("/v1/people/search")
    }
    let asked = searches.compactMap { exchange -> [String]? in
      guard case .json(let body)? = exchange.requestBody,
        case .array(let list)? = body["fields"]
      else { return nil }
      return list.compactMap(\.stringValue)
    }
    #expect(asked.contains { $0.contains(workField) }, "the search did not ask the Work field")
    #expect(!asked.contains { $0.contains(decoyField["id"] as? String ?? "") })
    let lists = recording.exchanges.filter {
      $0.method == "GET" && $0.target.hasPrefix("/v1/company/named-lists/")
    }.map(\.target)
    #expect(lists == ["/v1/company/named-lists/syncToRemote"], "\(lists)")

    // What was judged.
    let status = Dictionary(uniqueKeysWithValues: outcome.report.results.map { ($0.id, $0) })
    #expect(status["sync_field.present"]?.status == .pass, "\(status["sync_field.present"]!)")
    #expect(
      status["sync_field.selection"]?.status == .pass, "\(status["sync_field.selection"]!)")
    #expect(outcome.report.verdict == .pass)
  }

  // MARK: - A dependency's failure is skipped, not error

  /// The Work section hidden from everyone: `people.work.view` fails, and
  /// `sync_field.selection`, which cannot be judged without it, is skipped naming it. A section
  /// missing from the metadata: `sections.default_names` fails, and the section's view rule is
  /// skipped naming it. No rule is `error`: the API answered every call.
  @Test(arguments: ["work hidden", "about missing"])
  func aDependencysFailureIsSkippedNotError(_ variant: String) async throws {
    let tenant: Tenant
    let failing: String
    let skipped: String
    if variant == "work hidden" {
      tenant = try TenantVariant.make("compliant") { json in
        var group = json["permissionGroup"] as? [String: Any] ?? [:]
        group["sections"] = (group["sections"] as? [String] ?? []).filter { $0 != "work" }
        json["permissionGroup"] = group
      }
      (failing, skipped) = ("people.work.view", "sync_field.selection")
    } else {
      tenant = try TenantVariant.make("compliant") { json in
        json["sections"] = ["about": NSNull()]
        var group = json["permissionGroup"] as? [String: Any] ?? [:]
        group["sections"] = (group["sections"] as? [String] ?? []).filter { $0 != "about" }
        json["permissionGroup"] = group
        TenantVariant.dropEmployeeFields(&json) { $0.hasPrefix("about.") }
      }
      (failing, skipped) = ("sections.default_names", "people.about.view")
    }
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let outcome = await PreflightRunner.run(
      RecordingFixtures.settings(tenant, baseURL: hibob.baseURL))
    let results = Dictionary(uniqueKeysWithValues: outcome.report.results.map { ($0.id, $0) })
    #expect(results[failing]?.status == .fail, "\(results[failing]!)")
    let result = try #require(results[skipped])
    #expect(result.status == .skipped, "\(result)")
    #expect(result.reason.contains(failing), "\(result.reason)")
    let errors = outcome.report.results.filter { $0.status == .error }.map(\.id)
    #expect(errors.isEmpty, "error is for calls that could not be made: \(errors)")
  }

  // MARK: - simulate --recording answers every run alike

  /// Two (and three) `check` runs against one `simulate --recording` give the report the
  /// recorded run gave, every time.
  @Test func aServedRecordingAnswersEveryRunAlike() async throws {
    let (_, outcome, recording) = try await RecordingFixtures.record("compliant")
    let dir = try RecordingFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("recording.json")
    try recording.encoded().write(to: file)

    let server = try await RunningTool.start(
      ["simulate", "--recording", file.path], environment: [:])
    var baseURL: String?
    for _ in 0..<1_000 {
      if let line = server.currentStdout.split(separator: "\n").first, line.hasPrefix("http") {
        baseURL = String(line)
        break
      }
      try await Task.sleep(for: .milliseconds(10))
    }
    var reports: [[String]] = []
    if let baseURL {
      for _ in 0..<3 {
        let run = try await ToolProcess.run(
          ["check", "--base-url", baseURL, "--format", "json"],
          environment: [
            "HIBOB_SERVICE_USER_ID": "SERVICE-USER-ANY",
            "HIBOB_SERVICE_USER_TOKEN": "any-token-0123456789abcdef",
          ])
        let report = try Report.decode(Data(run.stdout.utf8))
        reports.append(report.results.map { "\($0.id)=\($0.status.rawValue): \($0.reason)" })
      }
    }
    server.signal(SIGTERM)
    let exit = await server.waitForExit(limit: 10)
    #expect(exit.status == 0, "\(exit.stderr)")
    try #require(baseURL != nil, "simulate --recording printed no base URL")
    let recorded = outcome.report.results.map { "\($0.id)=\($0.status.rawValue): \($0.reason)" }
    #expect(reports.count == 3)
    for (i, report) in reports.enumerated() {
      #expect(report == recorded, "run \(i + 1) differs from the recorded run")
    }
  }

  // MARK: - Signals during check

  /// SIGINT or SIGTERM while `check --output --record` is in flight: exit 130 (not death by the
  /// signal) within seconds, one line on stderr, the earlier files whole and no temporary file.
  @Test(arguments: [SIGINT, SIGTERM])
  func aSignalDuringCheckExits130AndKeepsEarlierFiles(signal: Int32) async throws {
    let tenant = try Fixtures.tenant("compliant")
    try await withHibob(tenant) { hibob in
      hibob.simulator.addFault(
        FaultSpec(path: "/v1/people/search", times: 1000, kind: .delay, seconds: 60))
      let dir = try HardeningFixtures.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      let output = dir.appendingPathComponent("report.json")
      let record = dir.appendingPathComponent("recording.json")
      let earlier = Data(#"{"schema_version": 1, "note": "an earlier report"}"#.utf8)
      try earlier.write(to: output)
      try earlier.write(to: record)
      let tool = try await RunningTool.start(
        [
          "check", "--base-url", hibob.baseURL.absoluteString, "--format", "json", "--output",
          output.path, "--record", record.path, "--timeout", "120", "--deadline", "120",
        ], environment: HardeningFixtures.environment(tenant))
      let inFlight = try await eventually {
        hibob.simulator.count(method: "POST", path: "/v1/people/search") > 0
      }
      #expect(inFlight, "the check never reached the search")
      let sent = ContinuousClock.now
      tool.signal(signal)
      let exit = await tool.waitForExit(limit: 10)
      #expect(ContinuousClock.now - sent < .seconds(5))
      #expect(exit.status == 130 && !exit.signalled, "\(exit.status), \(exit.stderr)")
      #expect(exit.stderr.contains("stopped by"), "\(exit.stderr)")
      #expect(try Data(contentsOf: output) == earlier)
      #expect(try Data(contentsOf: record) == earlier)
      let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
      #expect(leftovers == ["recording.json", "report.json"])
      FixtureLeakScanner.shared.check(exit.stdout + exit.stderr, source: "signalled check")
    }
  }

  // MARK: - No folder behind

  /// A live `check` with `HOME` and `XDG_DATA_HOME` in an empty folder leaves it as it was: no
  /// cookie-storage folder named after the executable's folder, no URL-cache folder.
  @Test func aLiveCheckLeavesNoFolderBehind() async throws {
    let tenant = try Fixtures.tenant("compliant")
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let home = try RecordingFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let data = home.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    var env = Fixtures.credentials(tenant)
    env["HOME"] = home.path
    env["XDG_DATA_HOME"] = data.path
    let run = try await ToolProcess.run(
      ["check", "--base-url", hibob.baseURL.absoluteString, "--format", "json"],
      environment: env)
    #expect(run.exitCode == 0, "\(run.stderr)")
    let left = FileManager.default.enumerator(atPath: home.path)?.allObjects as? [String] ?? []
    #expect(left == ["data"], "a live run left \(left.sorted()) under HOME")
    #expect(try FileManager.default.contentsOfDirectory(atPath: data.path).isEmpty)
  }
}
