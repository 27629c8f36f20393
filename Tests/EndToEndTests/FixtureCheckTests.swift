import Foundation
import PermissionRules
import Simulator
import Testing

/// What `check` must say of one fixture tenant: the verdict, the exit code, and every rule that
/// does not pass (all others must pass). Written from permission-matrix.md, not from a run.
struct FixtureExpectation: Sendable, CustomStringConvertible {
  var name: String
  var verdict: String
  var exitCode: Int32
  var notPassing: [String: String] = [:]
  /// Extra flags (a short deadline where the tenant makes Hibob wait).
  var flags: [String] = []

  var description: String { name }

  /// The rules that need Basic info: the other ten section rules and the history.
  static let peopleRules =
    Catalogue.sectionRuleIds.filter { $0 != "people.basic_info.view" }
    + ["people.employment.history.view"]

  /// No employee visible: basic info fails, the other sections and the scope are skipped; the
  /// selection is still evaluated and finds nobody selected.
  static func nobodyVisible(_ extra: [String: String] = [:]) -> [String: String] {
    var statuses = [
      "people.basic_info.view": "fail", "scope.lifecycle_status": "skipped",
      "sync_field.selection": "warn",
    ]
    for id in peopleRules { statuses[id] = "skipped" }
    return statuses.merging(extra) { $1 }
  }

  /// The people search could not be made: every rule that needs it is undecided. The history
  /// rule is still decided: without the search it reads one page of everyone's rows.
  static let searchUndecided: [String: String] = {
    var statuses = [
      "people.basic_info.view": "error", "scope.lifecycle_status": "error",
      "sync_field.selection": "error",
    ]
    for id in peopleRules where id != "people.employment.history.view" { statuses[id] = "error" }
    return statuses
  }()

  static let all: [FixtureExpectation] = [
    .init(name: "compliant", verdict: "pass", exitCode: 0),
    .init(
      name: "applies-to-active-only", verdict: "pass", exitCode: 0,
      notPassing: ["scope.lifecycle_status": "warn"]),
    .init(
      name: "applies-to-department", verdict: "fail", exitCode: 1,
      notPassing: ["scope.lifecycle_status": "fail"]),
    .init(
      name: "fields-html", verdict: "inconclusive", exitCode: 3,
      notPassing: {
        var s = ["credentials.authenticate": "error"]
        for id in [
          "company.employee_fields.manage", "company.lists.edit_all", "people.basic_info.view",
          "scope.lifecycle_status", "sections.default_names", "sync_field.present",
          "sync_field.selection",
        ] + peopleRules { s[id] = "skipped" }
        return s
      }()),
    .init(
      name: "history-restricted-columns", verdict: "fail", exitCode: 1,
      notPassing: ["people.employment.history.view": "fail"]),
    .init(
      name: "missing-address", verdict: "fail", exitCode: 1,
      notPassing: ["people.address.view": "fail"]),
    .init(
      name: "missing-basic-info", verdict: "fail", exitCode: 1, notPassing: nobodyVisible()),
    .init(
      name: "missing-employment-history", verdict: "pass", exitCode: 0,
      notPassing: ["people.employment.history.view": "warn"]),
    .init(
      name: "missing-identification", verdict: "fail", exitCode: 1,
      notPassing: ["people.identification.view": "fail"]),
    .init(
      name: "missing-personal-contact", verdict: "fail", exitCode: 1,
      notPassing: ["people.personal_contact.view": "fail"]),
    .init(
      name: "missing-user-data", verdict: "fail", exitCode: 1,
      notPassing: ["people.user_data.view": "fail"]),
    .init(
      name: "no-edit-lists", verdict: "fail", exitCode: 1,
      notPassing: ["company.lists.edit_all": "fail"]),
    .init(
      name: "no-employee-selected", verdict: "pass", exitCode: 0,
      notPassing: ["sync_field.selection": "warn"]),
    .init(
      name: "no-manage-field-settings", verdict: "fail", exitCode: 1,
      notPassing: ["company.employee_fields.manage": "fail"]),
    .init(
      name: "no-sync-field", verdict: "pass", exitCode: 0,
      notPassing: ["sync_field.present": "warn", "sync_field.selection": "warn"]),
    .init(
      name: "not-in-group", verdict: "fail", exitCode: 1,
      notPassing: nobodyVisible([
        "company.employee_fields.manage": "fail", "company.lists.edit_all": "fail",
      ])),
    .init(
      name: "renamed-section", verdict: "fail", exitCode: 1,
      notPassing: ["sections.default_names": "fail"]),
    .init(
      name: "search-rate-limited", verdict: "inconclusive", exitCode: 3,
      notPassing: searchUndecided, flags: ["--deadline", "30"]),
    .init(
      name: "search-unavailable", verdict: "inconclusive", exitCode: 3,
      notPassing: searchUndecided, flags: ["--deadline", "30"]),
    .init(
      name: "sections-for-some-employees", verdict: "fail", exitCode: 1,
      notPassing: [
        "people.address.view": "warn", "people.employment.view": "warn",
        "people.home.view": "warn", "people.identification.view": "warn",
        "people.personal.view": "warn", "people.personal_contact.view": "warn",
        "people.user_data.view": "warn", "scope.lifecycle_status": "fail",
      ]),
    .init(
      name: "selection-problems", verdict: "pass", exitCode: 0,
      notPassing: ["sync_field.selection": "warn"]),
    .init(
      name: "sync-field-missing-contractor", verdict: "fail", exitCode: 1,
      notPassing: ["sync_field.present": "fail", "sync_field.selection": "skipped"]),
    .init(
      name: "sync-field-wrong-section", verdict: "fail", exitCode: 1,
      notPassing: ["sync_field.present": "fail", "sync_field.selection": "skipped"]),
  ]
}

/// End to end: the built executable checks each fixture tenant served by the simulator.
@Suite(.serialized) struct FixtureCheckTests {
  @Test func everyFixtureHasAnExpectation() {
    #expect(Set(FixtureExpectation.all.map(\.name)) == Set(Fixtures.allNames))
  }

  @Test(arguments: FixtureExpectation.all)
  func checkGivesTheExpectedStatuses(_ expected: FixtureExpectation) async throws {
    let tenant = try Fixtures.tenant(expected.name)
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let secrets = Fixtures.secrets(of: tenant)
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }

    var reportJSON = Data()
    // Tenants whose faults make Hibob wait are checked in two formats; the others in all four.
    let formats =
      expected.flags.isEmpty ? ["json", "text", "junit", "markdown"] : ["json", "text"]
    for format in formats {
      hibob.simulator.clearLog()
      let output = dir.appendingPathComponent("report.\(format)")
      let run = try await ToolProcess.run(
        [
          "check", "--base-url", hibob.baseURL.absoluteString, "--format", format,
          "--output", output.path,
        ] + expected.flags,
        environment: Fixtures.credentials(tenant))
      let written = (try? Data(contentsOf: output)) ?? Data()
      #expect(run.exitCode == expected.exitCode, "\(expected.name) \(format): \(run.stderr)")
      #expect(!written.isEmpty, "\(expected.name) \(format): no report written")
      #expect(run.stderr.contains("verdict: \(expected.verdict.uppercased())"), "\(run.stderr)")
      #expect(hibob.simulator.count(status: 401) <= 1)
      let everything = run.output + String(decoding: written, as: UTF8.self)
      let leaked = Fixtures.leaks(in: everything, secrets: secrets)
      #expect(leaked.isEmpty, "\(expected.name) \(format): \(leaked.count) personal strings leaked")
      if format == "json" { reportJSON = written }
    }

    let report = try #require(
      try JSONSerialization.jsonObject(with: reportJSON) as? [String: Any])
    #expect(report["verdict"] as? String == expected.verdict)
    let results = try #require(report["results"] as? [[String: Any]])
    #expect(results.count == 20)
    for result in results {
      let id = result["id"] as? String ?? "?"
      let status = result["status"] as? String
      #expect(status == (expected.notPassing[id] ?? "pass"), "\(expected.name): \(id)")
    }
    try await SchemaCheck.validate(reportJSON)
  }
}
