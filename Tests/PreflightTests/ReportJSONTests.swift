import Foundation
import PermissionRules
import Testing

@testable import Preflight

@Suite struct ReportJSONTests {
  @Test(arguments: Samples.all.map(\.name))
  func everySampleMatchesTheSchema(_ name: String) async throws {
    let report = try #require(Samples.all.first { $0.name == name }).report()
    try await SchemaValidation.validate(reportJSON: report.jsonData())
  }

  @Test func jsonIsByteStable() throws {
    let a = try Samples.failing().jsonData()
    let b = try Samples.failing().jsonData()
    #expect(a == b)
    let decoded = try Report.decode(a)
    #expect(try decoded.jsonData() == a)
    #expect(decoded == Samples.failing())
  }

  /// The golden JSON files are reports written earlier: they must still decode to the samples.
  @Test(arguments: Samples.all.map(\.name))
  func goldenJSONDecodesToTheSample(_ name: String) throws {
    let data = try #require(
      FileManager.default.contents(
        atPath: Golden.directory.appendingPathComponent("\(name).json").path))
    let sample = try #require(Samples.all.first { $0.name == name }).report()
    #expect(try Report.decode(data) == sample)
  }

  @Test func everyKeyIsPresentWithNulls() throws {
    let report = Samples.inconclusive()
    let json = try #require(
      try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
    #expect(
      Set(json.keys) == [
        "schema_version", "tool", "rules_version", "generated_at", "source", "target", "verdict",
        "summary", "results", "diagnosis", "manual_checks", "requests",
      ])
    #expect(json["source"] as? String == "live")
    let target = try #require(json["target"] as? [String: Any])
    #expect(
      target.keys.sorted() == [
        "base_url", "environment", "read_only", "service_user_id", "token_sha256_prefix",
      ])
    #expect(target["service_user_id"] is NSNull)
    #expect(target["token_sha256_prefix"] is NSNull)
    let results = try #require(json["results"] as? [[String: Any]])
    let basic = try #require(results.first { $0["id"] as? String == "people.basic_info.view" })
    let evidence = try #require((basic["evidence"] as? [[String: Any]])?.first)
    #expect(evidence["status"] is NSNull)
    let pass = try #require(results.first { $0["status"] as? String == "pass" })
    #expect(pass["remediation"] is NSNull)
    let format = try #require(results.first { $0["id"] as? String == "credentials.format" })
    #expect(
      format.keys.sorted() == [
        "evidence", "id", "reason", "remediation", "severity", "status", "step", "title",
      ])
    let allPass = try JSONSerialization.jsonObject(with: Samples.allPass().jsonData())
    let search = try #require(
      ((allPass as? [String: Any])?["results"] as? [[String: Any]])?
        .first { $0["id"] as? String == "credentials.authenticate" }?["evidence"]
        as? [[String: Any]])
    #expect(search.first?["note"] is NSNull)
  }

  /// The failing sample's JSON, changed by `mutate`.
  private static func mutated(_ mutate: (inout [String: Any]) -> Void) throws -> Data {
    var json = try #require(
      try JSONSerialization.jsonObject(with: Samples.failing().jsonData()) as? [String: Any])
    mutate(&json)
    return try JSONSerialization.data(withJSONObject: json)
  }

  private static func setting(_ key: String, in object: String, to value: Any?)
    -> (inout [String: Any]) -> Void
  {
    { json in
      var inner = json[object] as! [String: Any]
      inner[key] = value
      json[object] = inner
    }
  }

  private static func settingResult(_ index: Int, _ key: String, to value: Any?)
    -> (inout [String: Any]) -> Void
  {
    { json in
      var results = json["results"] as! [[String: Any]]
      results[index][key] = value
      json["results"] = results
    }
  }

  /// Each broken report and a fragment the validator's complaint must contain. Validated in one
  /// python3 run.
  @Test func schemaRejectsMissingKeysAndUnknownValues() async throws {
    let cases: [(String, (inout [String: Any]) -> Void)] = [
      ("'rules_version' is a required property", { $0["rules_version"] = nil }),
      ("'manual_checks' is a required property", { $0["manual_checks"] = nil }),
      (
        "'token_sha256_prefix' is a required property",
        Self.setting("token_sha256_prefix", in: "target", to: nil)
      ),
      (
        "'rate_limited' is a required property",
        Self.setting("rate_limited", in: "requests", to: nil)
      ),
      ("'remediation' is a required property", Self.settingResult(0, "remediation", to: nil)),
      ("'evidence' is a required property", Self.settingResult(1, "evidence", to: nil)),
      ("results/3/status: 'passed' is not one of", Self.settingResult(3, "status", to: "passed")),
      (
        "results/0/severity: 'critical' is not one of",
        Self.settingResult(0, "severity", to: "critical")
      ),
      ("verdict: 'ok' is not one of", { $0["verdict"] = "ok" }),
      ("rules_version: '9F2C61D0' does not match", { $0["rules_version"] = "9F2C61D0" }),
      ("rules_version: '9f2c61d' does not match", { $0["rules_version"] = "9f2c61d" }),
      (
        "generated_at: '2026-11-24T16:00:00.123Z' does not match",
        { $0["generated_at"] = "2026-11-24T16:00:00.123Z" }
      ),
      (
        "generated_at: '2026-11-24 16:00:00' does not match",
        { $0["generated_at"] = "2026-11-24 16:00:00" }
      ),
      ("schema_version: 1 was expected", { $0["schema_version"] = 2 }),
      ("Additional properties are not allowed ('extra' was unexpected)", { $0["extra"] = true }),
      (
        "target/token_sha256_prefix: '3c9a07e1ff' does not match",
        Self.setting("token_sha256_prefix", in: "target", to: "3c9a07e1ff")
      ),
      ("summary/fail: -1 is less than the minimum", Self.setting("fail", in: "summary", to: -1)),
      (
        "target/read_only: 'no' is not of type 'boolean'",
        Self.setting("read_only", in: "target", to: "no")
      ),
    ]
    let reports = try cases.map { try Self.mutated($0.1) }
    let found = try await SchemaValidation.violations(of: reports)
    for ((expected, _), errors) in zip(cases, found) {
      #expect(
        errors.contains { $0.contains(expected) }, "expected “\(expected)”, got \(errors)")
    }
    // The untouched report is valid, so the complaints above come from the mutations.
    #expect(try await SchemaValidation.violations(of: [Samples.failing().jsonData()]) == [[]])
  }

  @Test func decodeRefusesAnotherSchemaVersionFirst() throws {
    // Version 2 with an otherwise unreadable body: the version is what is reported.
    let v2 = Data(#"{"schema_version": 2, "results": "whatever"}"#.utf8)
    #expect(throws: ReportReadError.unsupportedSchemaVersion(2)) { try Report.decode(v2) }
    #expect(
      ReportReadError.unsupportedSchemaVersion(2).description
        == "report schema version 2 is not supported (this tool reads 1)")
  }

  @Test func decodeExplainsBadFilesInOneLine() throws {
    let cases: [(String, ReportReadError)] = [
      ("not json at all", .notJSON),
      ("", .notJSON),
      ("[1, 2]", .notAReport("the top level is not a JSON object")),
      ("{}", .notAReport("it has no schema_version")),
      (#"{"schema_version": "1"}"#, .notAReport("schema_version is not an integer")),
      (#"{"schema_version": true}"#, .notAReport("schema_version is not an integer")),
      (#"{"schema_version": 1}"#, .wrongShape("key tool is missing")),
    ]
    for (text, expected) in cases {
      #expect(throws: expected, "\(text)") { try Report.decode(Data(text.utf8)) }
    }
    var json = try #require(
      try JSONSerialization.jsonObject(with: Samples.failing().jsonData()) as? [String: Any])
    var results = try #require(json["results"] as? [[String: Any]])
    results[2]["status"] = "secret-value"
    json["results"] = results
    let data = try JSONSerialization.data(withJSONObject: json)
    do {
      _ = try Report.decode(data)
      Issue.record("decoded a report with an unknown status")
    } catch {
      #expect(
        error.description
          == "not a valid hibob-remote report (schema version 1): results[2].status has a value "
          + "that is not allowed")
      #expect(!error.description.contains("secret-value"))
    }
    for e in cases.map(\.1) + [.wrongShape("x"), .unsupportedSchemaVersion(7)] {
      #expect(!e.description.contains("\n"))
    }
  }

  @Test func missingJsonschemaFailsWithTheFix() async throws {
    // A `jsonschema` module that cannot be imported shadows the real one.
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("hibob-remote-nojsonschema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data("raise ImportError('simulated: not installed')\n".utf8)
      .write(to: dir.appendingPathComponent("jsonschema.py"))
    do {
      try await SchemaValidation.validate(
        reportJSON: Samples.allPass().jsonData(), extraEnvironment: ["PYTHONPATH": dir.path])
      Issue.record("validation passed without jsonschema")
    } catch let failure as SchemaValidation.Failure {
      #expect(failure.description.contains("pip install jsonschema"))
    }
  }
}
