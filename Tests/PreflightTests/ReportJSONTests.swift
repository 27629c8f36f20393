import Foundation
import PermissionRules
import Testing

@testable import Preflight

@Suite struct ReportJSONTests {
  @Test(arguments: Samples.all.map(\.name))
  func everySampleMatchesTheSchema(_ name: String) throws {
    let report = try #require(Samples.all.first { $0.name == name }).report()
    try SchemaValidation.validate(reportJSON: report.jsonData())
  }

  @Test func jsonIsByteStable() throws {
    let a = try Samples.failing().jsonData()
    let b = try Samples.failing().jsonData()
    #expect(a == b)
    let decoded = try Report.decode(a)
    #expect(try decoded.jsonData() == a)
    #expect(decoded == Samples.failing())
  }

  @Test func everyKeyIsPresentWithNulls() throws {
    let report = Samples.inconclusive()
    let json = try #require(
      try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
    #expect(
      Set(json.keys) == [
        "schema_version", "tool", "rules_version", "generated_at", "target", "verdict", "summary",
        "results", "diagnosis", "manual_checks", "requests",
      ])
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

  /// Mutates the failing sample's JSON and expects the schema to refuse it.
  private func rejected(_ mutate: (inout [String: Any]) -> Void) throws -> String? {
    var json = try #require(
      try JSONSerialization.jsonObject(with: Samples.failing().jsonData()) as? [String: Any])
    mutate(&json)
    let data = try JSONSerialization.data(withJSONObject: json)
    do {
      try SchemaValidation.validate(reportJSON: data)
      return nil
    } catch let failure as SchemaValidation.Failure {
      return failure.description
    }
  }

  @Test func schemaRejectsMissingKeys() throws {
    let top = try rejected { $0["rules_version"] = nil }
    #expect(top?.contains("'rules_version' is a required property") == true)
    let nested = try rejected { json in
      var target = json["target"] as! [String: Any]
      target["token_sha256_prefix"] = nil
      json["target"] = target
    }
    #expect(nested?.contains("token_sha256_prefix") == true)
    let inResult = try rejected { json in
      var results = json["results"] as! [[String: Any]]
      results[0]["remediation"] = nil
      json["results"] = results
    }
    #expect(inResult?.contains("'remediation' is a required property") == true)
  }

  @Test func schemaRejectsUnknownValues() throws {
    let status = try rejected { json in
      var results = json["results"] as! [[String: Any]]
      results[3]["status"] = "passed"
      json["results"] = results
    }
    #expect(status?.contains("results/3/status") == true)
    #expect(try rejected { $0["verdict"] = "ok" } != nil)
    #expect(try rejected { $0["rules_version"] = "9F2C61D0X" } != nil)
    #expect(try rejected { $0["generated_at"] = "2026-11-24T16:00:00.123Z" } != nil)
    #expect(try rejected { $0["schema_version"] = 2 } != nil)
    #expect(try rejected { $0["extra"] = true } != nil)
    let prefix = try rejected { json in
      var target = json["target"] as! [String: Any]
      target["token_sha256_prefix"] = "3c9a07e1ff"
      json["target"] = target
    }
    #expect(prefix?.contains("token_sha256_prefix") == true)
    let severity = try rejected { json in
      var results = json["results"] as! [[String: Any]]
      results[0]["severity"] = "critical"
      json["results"] = results
    }
    #expect(severity != nil)
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

  @Test func missingJsonschemaFailsWithTheFix() throws {
    // A `jsonschema` module that cannot be imported shadows the real one.
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("hibob-remote-nojsonschema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data("raise ImportError('simulated: not installed')\n".utf8)
      .write(to: dir.appendingPathComponent("jsonschema.py"))
    do {
      try SchemaValidation.validate(
        reportJSON: Samples.allPass().jsonData(), extraEnvironment: ["PYTHONPATH": dir.path])
      Issue.record("validation passed without jsonschema")
    } catch let failure as SchemaValidation.Failure {
      #expect(failure.description.contains("pip install jsonschema"))
    }
  }
}
