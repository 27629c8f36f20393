import Foundation
import Testing

@testable import PermissionRules

@Suite struct RenderTests {
  @Test func textListsEveryRuleAndTheManualChecks() {
    let text = Catalogue.text()
    for m in Catalogue.metadata {
      #expect(text.contains("\(m.id)  [step \(m.step), \(m.severity.rawValue)]"))
    }
    #expect(text.contains(Catalogue.rulesVersion))
    #expect(text.contains("[3.13]"))
  }

  @Test func explainGivesEverything() {
    for rule in Catalogue.rules {
      let text = try! #require(Catalogue.explain(rule.id))
      #expect(text.hasPrefix("\(rule.id): \(rule.metadata.title)\n"))
      for heading in [
        "What a pass proves:", "What it needs:", "How it is probed:", "Statuses:",
        "Fix", "Depends on:", "Rules that depend on it:",
      ] {
        #expect(text.contains(heading), "\(rule.id) lacks \(heading)")
      }
      for status in rule.statuses { #expect(text.contains("  \(status.rawValue): ")) }
      #expect(text.contains("  skipped: "))
    }
    let basic = Catalogue.explain("people.basic_info.view")!
    #expect(basic.contains("people.identification.view"))
    #expect(Catalogue.explain("people.nope.view") == nil)
  }

  @Test func closestIdsSuggestNearbyIds() {
    #expect(
      Catalogue.closestIds(to: "people.identifcation.view").first == "people.identification.view")
    #expect(Catalogue.closestIds(to: "identification") == ["people.identification.view"])
    #expect(Catalogue.closestIds(to: "credentials.formt").first == "credentials.format")
    #expect(Catalogue.closestIds(to: "People.Work.View").first == "people.work.view")
    #expect(Catalogue.closestIds(to: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").isEmpty)
    #expect(Catalogue.closestIds(to: "").isEmpty)
    #expect(Catalogue.closestIds(to: "view").count <= 3)
    #expect(Catalogue.editDistance("kitten", "sitting") == 3)
  }

  @Test func jsonIsSortedSnakeCaseAndComplete() throws {
    let data = Catalogue.json()
    #expect(data == Catalogue.json())
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(object.keys) == ["rules_version", "rules", "manual_checks", "diagnosis_patterns"])
    #expect(object["rules_version"] as? String == Catalogue.rulesVersion)
    let rules = try #require(object["rules"] as? [[String: Any]])
    #expect(rules.map { $0["id"] as? String } == Catalogue.rules.map(\.id))
    #expect(
      Set(rules[0].keys) == [
        "id", "title", "step", "severity", "summary", "needs", "probe", "statuses",
        "status_meanings", "remediation", "depends_on",
      ])
    let text = String(decoding: data, as: UTF8.self)
    #expect(!text.contains("\\/"))
    #expect(text.contains("\"depends_on\""))
  }

  @Test func markdownHasEveryRuleSection() {
    let md = Catalogue.markdown()
    for m in Catalogue.metadata {
      #expect(md.contains("\n## `\(m.id)`\n"))
      #expect(md.contains("**Fix:** \(m.remediation)"))
    }
    #expect(md.contains("## Manual checks"))
    #expect(md.contains("## Diagnosis"))
  }

  @Test func paragraphsKeepLinesShort() {
    let texts = [Catalogue.text()] + Catalogue.metadata.compactMap { Catalogue.explain($0.id) }
    for text in texts {
      for line in text.split(separator: "\n") where line.hasPrefix("  ") {
        #expect(line.count <= 100, "\(line)")
      }
    }
  }
}
