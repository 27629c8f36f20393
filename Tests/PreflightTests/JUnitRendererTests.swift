import Foundation
import PermissionRules
import Testing

@testable import Preflight

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct JUnitRendererTests {
  private func parse(_ xml: String) throws -> XMLDocument {
    try XMLDocument(data: Data(xml.utf8), options: [])
  }

  private func attribute(_ node: XMLNode?, _ name: String) -> String? {
    (node as? XMLElement)?.attribute(forName: name)?.stringValue
  }

  @Test(arguments: Samples.all.map(\.name))
  func countsMatchTheSummary(_ name: String) throws {
    let report = try #require(Samples.all.first { $0.name == name }).report()
    let doc = try parse(JUnitRenderer.render(report))
    let suite = try #require(try doc.nodes(forXPath: "/testsuites/testsuite").first)
    #expect(attribute(suite, "name") == "hibob-remote")
    #expect(attribute(suite, "tests") == String(report.results.count))
    #expect(attribute(suite, "failures") == String(report.summary.fail))
    // warn, manual and skipped are all <skipped> (cli-and-report.md).
    let errors = report.summary.error
    #expect(attribute(suite, "errors") == String(errors))
    let skipped = report.summary.warn + report.summary.manual + report.summary.skipped
    #expect(attribute(suite, "skipped") == String(skipped))
    let cases = try doc.nodes(forXPath: "//testcase")
    #expect(cases.compactMap { attribute($0, "name") } == textReportOrder(report))
    #expect(try doc.nodes(forXPath: "//testcase/failure").count == report.summary.fail)
    #expect(try doc.nodes(forXPath: "//testcase/error").count == errors)
    #expect(try doc.nodes(forXPath: "//testcase/skipped").count == skipped)
  }

  /// The rule ids in the order the text report groups them: by the article's steps (the text
  /// report may collapse repeated results into one line, so its lines are not one a rule).
  private func textReportOrder(_ report: Report) -> [String] {
    report.resultsByStepGroup.flatMap(\.results).map(\.id)
  }

  @Test func testCasesFollowTheArticleStepsLikeTheTextReport() throws {
    // The catalogue lists the section-name rule ("before you start") late; the steps put it
    // first. Moving the sync rule to the front of the results must not move its test case.
    var report = Samples.failing()
    report.results.insert(report.results.removeLast(), at: 0)
    let doc = try parse(JUnitRenderer.render(report))
    let names = try doc.nodes(forXPath: "//testcase").compactMap { attribute($0, "name") }
    #expect(names == textReportOrder(report))
    #expect(names.count == report.results.count)
    #expect(names != report.results.map(\.id))
    #expect(names.prefix(2) == ["sections.default_names", "credentials.format"])
    #expect(names.suffix(2) == ["sync_field.selection", "sync_field.present"])
  }

  @Test func inconclusiveRunShowsManualAsSkippedAndErrorAsError() throws {
    var report = Samples.inconclusive()
    // Make the advisory rule manual too: blocking or advisory, manual is a skipped test case.
    let advisory = try #require(report.results.firstIndex { $0.id == "sync_field.selection" })
    report.results[advisory].status = .manual
    report.results[advisory].reason = "Nothing to decide without the search."
    let doc = try parse(JUnitRenderer.render(report))
    let manual = try #require(
      try doc.nodes(forXPath: "//testcase[@name='company.lists.edit_all']/skipped").first)
    #expect(attribute(manual, "message") == "manual: Write probes are off (--read-only).")
    #expect(manual.stringValue?.contains("Fix: Step 3.7:") == true)
    #expect(try doc.nodes(forXPath: "//testcase[@name='company.lists.edit_all']/error").isEmpty)
    #expect(
      try doc.nodes(forXPath: "//property[@name='verdict']").first.flatMap {
        attribute($0, "value")
      } == "inconclusive")
    let error = try #require(
      try doc.nodes(forXPath: "//testcase[@name='people.basic_info.view']/error").first)
    #expect(attribute(error, "type") == "error")
    let skipped = try #require(
      try doc.nodes(forXPath: "//testcase[@name='sync_field.selection']/skipped").first)
    #expect(attribute(skipped, "message") == "manual: Nothing to decide without the search.")
    #expect(try doc.nodes(forXPath: "//testcase[@name='sync_field.selection']/error").isEmpty)
    let verdict = try #require(try doc.nodes(forXPath: "//property[@name='verdict']").first)
    #expect(attribute(verdict, "value") == "inconclusive")
  }

  @Test func diagnosisGoesIntoPropertiesAndSystemOut() throws {
    let report = Samples.failing()
    let doc = try parse(JUnitRenderer.render(report))
    let property = try #require(try doc.nodes(forXPath: "//property[@name='diagnosis']").first)
    let value = try #require(attribute(property, "value"))
    #expect(value.hasPrefix(report.diagnosis[0].cause))
    #expect(value.contains("people.home.view, people.identification.view"))
    #expect(value.contains("fix: Step 3.10:"))
    let out = try #require(try doc.nodes(forXPath: "/testsuites/testsuite/system-out").first)
    let text = try #require(out.stringValue)
    #expect(text.hasPrefix("verdict: FAIL"))
    #expect(text.contains("Diagnosis\n- " + report.diagnosis[0].cause))
    #expect(text.contains("Check by hand\n- before you start:"))
    // No diagnosis: no property, and the suite output still says the verdict.
    let pass = try parse(JUnitRenderer.render(Samples.allPass()))
    #expect(try pass.nodes(forXPath: "//property[@name='diagnosis']").isEmpty)
  }

  /// Python's junitparser, a JUnit reader CI tools build on, reads every sample with the same
  /// counts and the same outcome for each test case.
  @Test(
    .enabled(
      if: ExternalTools.junitparserInstalled || ExternalTools.required,
      Comment(rawValue: ExternalTools.junitparserHint)),
    arguments: Samples.all.map(\.name))
  func junitparserReadsIt(_ name: String) async throws {
    let report = try #require(Samples.all.first { $0.name == name }).report()
    let script = """
      import json, sys
      from junitparser import JUnitXml, Failure, Error, Skipped
      xml = JUnitXml.fromstring(sys.stdin.read().encode("utf-8"))
      suites = list(xml) if isinstance(xml, JUnitXml) else [xml]
      out = {"suites": len(suites), "cases": []}
      for suite in suites:
          out["counts"] = [suite.tests, suite.failures, suite.errors, suite.skipped]
          out["properties"] = {p.name: p.value for p in suite.properties()}
          for case in suite:
              kinds = [type(r).__name__ for r in case.result]
              out["cases"].append([case.classname, case.name, kinds[0] if kinds else "Pass"])
      json.dump(out, sys.stdout)
      """
    guard ExternalTools.junitparserInstalled else {
      Issue.record(Comment(rawValue: ExternalTools.junitparserHint))
      return
    }
    let json = try await ExternalTools.python(script, input: JUnitRenderer.render(report))
    struct Read: Decodable {
      var suites: Int
      var counts: [Int]
      var properties: [String: String]
      var cases: [[String]]
    }
    let read = try JSONDecoder().decode(Read.self, from: Data(json.utf8))
    #expect(read.suites == 1)
    #expect(read.properties["verdict"] == report.verdict.rawValue)
    let kinds = read.cases.map { $0[2] }
    #expect(read.counts[0] == report.results.count)
    #expect(read.counts[1] == kinds.filter { $0 == "Failure" }.count)
    #expect(read.counts[2] == kinds.filter { $0 == "Error" }.count)
    #expect(read.counts[3] == kinds.filter { $0 == "Skipped" }.count)
    #expect(read.cases.map { $0[1] } == textReportOrder(report))
    for r in report.results {
      let kind = read.cases.first { $0[1] == r.id }?[2]
      let expected: String =
        switch r.status {
        case .pass: "Pass"
        case .fail: "Failure"
        case .error: "Error"
        case .warn, .skipped, .manual: "Skipped"
        }
      #expect(kind == expected, "\(r.id) \(r.status)")
    }
  }

  @Test func failureCarriesReasonAndFix() throws {
    let doc = try parse(JUnitRenderer.render(Samples.failing()))
    let failure = try #require(
      try doc.nodes(forXPath: "//testcase[@name='people.identification.view']/failure").first)
    #expect(
      attribute(failure, "message")
        == "No visible employee shows any Identification field (0 of 212).")
    #expect(failure.stringValue?.contains("Fix: Step 3.10.5: Settings > Roles") == true)
    let tc = try #require(
      try doc.nodes(forXPath: "//testcase[@name='people.identification.view']").first)
    #expect(attribute(tc, "classname") == "step-3-other-employees")
    let warn = try #require(
      try doc.nodes(forXPath: "//testcase[@name='sync_field.selection']/skipped").first)
    #expect(attribute(warn, "message")?.hasPrefix("warn: 3 selected employees") == true)
  }

  @Test func escapesAndDropsInvalidCharacters() async throws {
    var report = Samples.failing()
    let nasty =
      "a & b < c > d \"e\" 'f' \u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF} tab\tnl\nend ]]>"
    report.results[12].reason = nasty
    report.target.serviceUserId = "<svc & \"co\">"
    let xml = JUnitRenderer.render(report)
    let doc = try parse(xml)
    let failure = try #require(
      try doc.nodes(forXPath: "//testcase[@name='people.identification.view']/failure").first)
    #expect(
      attribute(failure, "message") == "a & b < c > d \"e\" 'f'  tab\tnl\nend ]]>")
    #expect(failure.stringValue?.contains("a & b < c > d \"e\" 'f'  tab\tnl\nend ]]>") == true)
    let user = try #require(
      try doc.nodes(forXPath: "//property[@name='service_user_id']").first)
    #expect(attribute(user, "value") == "<svc & \"co\">")
    #expect(XML.text("\r") == "&#13;")
    try await SchemaValidation.validate(reportJSON: report.jsonData())
    #expect(XML.attribute("x\ny") == "x&#10;y")
  }

  @Test func passingCasesAreEmptyElementsWithEvidenceAsOutput() throws {
    let doc = try parse(JUnitRenderer.render(Samples.allPass()))
    let format = try #require(
      try doc.nodes(forXPath: "//testcase[@name='credentials.format']").first)
    #expect(format.childCount == 0)
    let out = try doc.nodes(forXPath: "//testcase[@name='people.about.view']/system-out")
    #expect(out.first?.stringValue?.hasPrefix("POST /v1/people/search → 200 (412 ms") == true)
  }
}
