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
    #expect(attribute(suite, "errors") == String(report.summary.error))
    let skipped = report.summary.warn + report.summary.manual + report.summary.skipped
    #expect(attribute(suite, "skipped") == String(skipped))
    let cases = try doc.nodes(forXPath: "//testcase")
    #expect(cases.compactMap { attribute($0, "name") } == report.results.map(\.id))
    #expect(try doc.nodes(forXPath: "//testcase/failure").count == report.summary.fail)
    #expect(try doc.nodes(forXPath: "//testcase/error").count == report.summary.error)
    #expect(try doc.nodes(forXPath: "//testcase/skipped").count == skipped)
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

  @Test func escapesAndDropsInvalidCharacters() throws {
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
    try SchemaValidation.validate(reportJSON: report.jsonData())
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
