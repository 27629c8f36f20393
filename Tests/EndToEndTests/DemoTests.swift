import Foundation
import Testing

/// `demo` runs with no credentials and no network, exits 0 whatever the verdict, and shows the
/// scenario's mistake as the rules see it.
@Suite(.serialized) struct DemoTests {
  static let scenarios: [(String, String, [String: String])] = [
    (
      "forgot-red-x", "fail",
      ["people.identification.view": "fail", "people.personal_contact.view": "fail"]
    ),
    ("compliant", "pass", [:]),
    ("applies-to-department", "fail", ["scope.lifecycle_status": "fail"]),
    ("active-only", "pass", ["scope.lifecycle_status": "warn"]),
    ("renamed-section", "fail", ["sections.default_names": "fail"]),
    (
      "no-company-permissions", "fail",
      ["company.employee_fields.manage": "fail", "company.lists.edit_all": "fail"]
    ),
    ("not-in-group", "fail", ["people.basic_info.view": "fail"]),
    ("wrong-token", "fail", ["credentials.authenticate": "fail"]),
  ]

  @Test func theDefaultDemoShowsAMisconfigurationAndItsFix() async throws {
    let run = try await ToolProcess.run(["demo"])
    #expect(run.exitCode == 0, "\(run.stderr)")
    #expect(run.stdout.contains("✗ fail    people.identification.view"))
    #expect(run.stdout.contains("fix: Step 3.10.5"))
    #expect(run.stdout.contains("verdict: FAIL"))
    #expect(!run.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
  }

  @Test(arguments: scenarios.map(\.0))
  func everyScenarioRunsAndExitsZero(_ name: String) async throws {
    let (_, verdict, statuses) = try #require(Self.scenarios.first { $0.0 == name })
    let run = try await ToolProcess.run(["demo", "--scenario", name, "--format", "json"])
    #expect(run.exitCode == 0, "\(run.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(report["verdict"] as? String == verdict)
    let results = try #require(report["results"] as? [[String: Any]])
    for (id, status) in statuses {
      #expect(results.first { $0["id"] as? String == id }?["status"] as? String == status, "\(id)")
    }
    try await SchemaCheck.validate(Data(run.stdout.utf8))
  }

  @Test func listAndUnknownScenario() async throws {
    let list = try await ToolProcess.run(["demo", "--list-scenarios"])
    #expect(list.exitCode == 0)
    for (name, _, _) in Self.scenarios { #expect(list.stdout.contains(name)) }
    let unknown = try await ToolProcess.run(["demo", "--scenario", "nope"])
    #expect(unknown.exitCode == 2)
    #expect(unknown.stderr.contains("unknown scenario 'nope'"))
    #expect(unknown.stderr.split(separator: "\n").count == 2, "one line and the usage")
  }
}
