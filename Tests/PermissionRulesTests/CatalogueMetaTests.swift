import Common
import Foundation
import Testing

@testable import PermissionRules

@Suite struct CatalogueMetaTests {
  /// The matrix's table, in order, with its steps and severities (permission-matrix.md).
  static let matrix: [(id: String, step: String, severity: Severity)] = [
    ("credentials.format", "2.4, 4.3", .blocking),
    ("credentials.authenticate", "2", .blocking),
    ("company.employee_fields.manage", "3.6", .blocking),
    ("company.lists.edit_all", "3.7", .blocking),
    ("people.about.view", "3.9.1", .blocking),
    ("people.basic_info.view", "3.9.2", .blocking),
    ("people.work.view", "3.9.3", .blocking),
    ("people.work_contact.view", "3.9.4", .blocking),
    ("people.address.view", "3.10.1", .blocking),
    ("people.employment.view", "3.10.2", .blocking),
    ("people.employment.history.view", "3.10.3", .blocking),
    ("people.home.view", "3.10.4", .blocking),
    ("people.identification.view", "3.10.5", .blocking),
    ("people.personal.view", "3.10.6", .blocking),
    ("people.personal_contact.view", "3.10.7", .blocking),
    ("people.user_data.view", "3.10.8", .blocking),
    ("scope.lifecycle_status", "3.11, 3.12", .blocking),
    ("sections.default_names", "before you start", .blocking),
    ("sync_field.present", "sync 3", .blocking),
    ("sync_field.selection", "sync 1-4", .advisory),
  ]

  @Test func catalogueFollowsTheMatrixInOrder() {
    #expect(Catalogue.metadata.map(\.id) == Self.matrix.map(\.id))
    for (m, row) in zip(Catalogue.metadata, Self.matrix) {
      #expect(m.step == row.step, "\(m.id)")
      #expect(m.severity == row.severity, "\(m.id)")
    }
  }

  /// Each rule's declared part agrees with its step's place in the article.
  @Test func everyRuleDeclaresThePartOfItsStep() {
    for m in Catalogue.metadata {
      let numbers = m.step.prefix { $0.isNumber || $0 == "." }.split(separator: ".").map { Int($0) }
      let expected: ArticlePart =
        switch (
          m.step.hasPrefix("before"), m.step.hasPrefix("sync"), numbers.first,
          numbers.dropFirst().first
        ) {
        case (true, _, _, _): .beforeYouStart
        case (_, true, _, _): .syncToRemote
        case (_, _, 2, _): .serviceUser
        case (_, _, 3, 6), (_, _, 3, 7): .companyPermissions
        case (_, _, 3, 9), (_, _, 3, 10): .otherEmployees
        case (_, _, 3, 11), (_, _, 3, 12): .appliesTo
        default: .other
        }
      #expect(m.part == expected, "\(m.id) (step \(m.step))")
      #expect(ArticlePart(ruleId: m.id) == m.part)
    }
    #expect(ArticlePart(ruleId: "no.such.rule") == .other)
  }

  /// The section rules and the sections are declared once, in `Section`, and agree with the
  /// matrix: eleven view rules, seven of them in step 3.10.
  @Test func sectionRulesComeFromTheSections() {
    let viewRules = Self.matrix.map(\.id).filter {
      $0.hasPrefix("people.") && $0.hasSuffix(".view") && $0 != "people.employment.history.view"
    }
    #expect(Set(Catalogue.sectionRuleIds) == Set(viewRules))
    #expect(Catalogue.sectionRuleIds.count == 11)
    #expect(Catalogue.requiredSectionIds.count == 11)
    let step310 = Self.matrix.filter { $0.step.hasPrefix("3.10.") }.map(\.id)
    #expect(Catalogue.step310RuleIds == step310.filter { $0 != "people.employment.history.view" })
    for (section, id) in zip(Section.required, Catalogue.sectionRuleIds) {
      #expect(Catalogue.rule(id: id)?.metadata.step == section.step, "\(id)")
    }
  }

  @Test func idsAreUniqueAndWellFormed() throws {
    let ids = Catalogue.rules.map(\.id)
    #expect(Set(ids).count == ids.count)
    let pattern = try Regex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$")
    for id in ids {
      #expect(id.wholeMatch(of: pattern) != nil, "\(id)")
    }
  }

  @Test func everyDeclaredStatusHasAnExampleAndNoOtherIsGiven() {
    for rule in Catalogue.rules {
      #expect(!rule.statuses.contains(.skipped), "\(rule.id): skipped comes from the catalogue")
      #expect(rule.statuses.contains(.pass), "\(rule.id) can never pass")
      let given = Set(rule.examples.map(\.expected))
      for status in rule.statuses {
        #expect(given.contains(status), "\(rule.id) has no example giving \(status)")
      }
      #expect(given.isSubset(of: Set(rule.statuses)), "\(rule.id) has an undeclared status")
      #expect(Set(rule.statusMeanings.keys) == Set(rule.statuses), "\(rule.id) meanings")
    }
  }

  @Test func everyBlockingRuleCanFail() {
    for rule in Catalogue.rules where rule.metadata.severity == .blocking {
      #expect(rule.statuses.contains(.fail) || rule.id == "sync_field.selection", "\(rule.id)")
    }
  }

  @Test func dependenciesExistAndHaveNoCycle() {
    let byId = Dictionary(uniqueKeysWithValues: Catalogue.metadata.map { ($0.id, $0.dependsOn) })
    for m in Catalogue.metadata {
      for dep in m.dependsOn { #expect(byId[dep] != nil, "\(m.id) depends on unknown \(dep)") }
      if m.id != "credentials.format" {
        #expect(!m.dependsOn.isEmpty, "\(m.id) must depend on the credentials")
      }
      // Walk the dependencies: never back to the start, and always down to credentials.format.
      var seen: Set<String> = []
      var frontier = m.dependsOn
      while let next = frontier.popLast() {
        #expect(next != m.id, "cycle through \(m.id)")
        if seen.insert(next).inserted { frontier += byId[next] ?? [] }
      }
      if m.id != "credentials.format" { #expect(seen.contains("credentials.format"), "\(m.id)") }
    }
  }

  @Test func remediationsQuoteTheArticleWithStepNumbers() {
    for m in Catalogue.metadata {
      #expect(!m.title.isEmpty && !m.summary.isEmpty && !m.probe.isEmpty, "\(m.id)")
      #expect(m.remediation.lowercased().contains("step"), "\(m.id): \(m.remediation)")
    }
    let identification = Catalogue.rule(id: "people.identification.view")!.metadata.remediation
    #expect(
      identification
        == "Step 3.10.5: Settings > Roles and Permissions > (your group) > Manage Permissions > "
        + "Other Employees > People > Identification: click the red X next to 'View selected "
        + "employees' Identification sections' so that it turns into a green check, then Save "
        + "Changes (3.13).")
    let about = Catalogue.rule(id: "people.about.view")!.metadata.remediation
    #expect(about.contains("gray checkmark") && about.hasPrefix("Step 3.9.1:"))
    for id in ["people.address.view", "people.user_data.view", "company.lists.edit_all"] {
      #expect(Catalogue.rule(id: id)!.metadata.remediation.contains("red X"), "\(id)")
    }
  }

  /// Every field the rules version covers changes it, in the first rule and the last, and so
  /// does the order: a changed catalogue cannot keep the version of the one it replaced.
  @Test func everyCanonicalFieldChangesTheRulesVersion() {
    let base = Catalogue.metadata
    #expect(Catalogue.canonicalText(of: base) == Catalogue.canonicalText)
    let edits: [(String, (inout RuleMetadata) -> Void)] = [
      ("id", { $0.id += "x" }), ("step", { $0.step += "x" }),
      ("severity", { $0.severity = $0.severity == .blocking ? .advisory : .blocking }),
      ("title", { $0.title += "x" }), ("summary", { $0.summary += "x" }),
      ("probe", { $0.probe += "x" }), ("remediation", { $0.remediation += "x" }),
      ("depends_on", { $0.dependsOn.append("credentials.format") }),
    ]
    for (field, edit) in edits {
      for index in [base.startIndex, base.endIndex - 1] {
        var changed = base
        edit(&changed[index])
        let version = SHA256.prefix(Catalogue.canonicalText(of: changed), count: 8)
        #expect(version != Catalogue.rulesVersion, "\(field) of \(base[index].id)")
      }
    }
    let reordered = SHA256.prefix(Catalogue.canonicalText(of: base.reversed()), count: 8)
    #expect(reordered != Catalogue.rulesVersion)
  }

  @Test func rulesVersionIsStableAndShort() throws {
    let version = Catalogue.rulesVersion
    #expect(version.count == 8)
    #expect(version.wholeMatch(of: try Regex("^[0-9a-f]{8}$")) != nil)
    #expect(version == SHA256.prefix(Catalogue.canonicalText, count: 8))
    for m in Catalogue.metadata {
      #expect(Catalogue.canonicalText.contains("id=\(m.id)\n"))
      #expect(Catalogue.canonicalText.contains("remediation=\(m.remediation)\n"))
    }
  }

  /// Every requirement of the article's steps 2-4 and of the sync part maps to a rule or to a
  /// manual check. Navigation-only steps map to the rules whose click path they start.
  static let articleCoverage: [(step: String, rules: [String], manual: [String])] = [
    ("before you start: administrator permissions", [], ["before you start"]),
    ("before you start: default section names", ["sections.default_names"], []),
    ("1 log in as an administrator", [], ["before you start"]),
    ("2.1 Integrations > Automation > Service Users", ["credentials.authenticate"], []),
    ("2.2 New Service User", ["credentials.authenticate"], []),
    ("2.3 names and Save", ["credentials.authenticate"], []),
    ("2.4 copy and store the id and token", ["credentials.format"], ["2.4"]),
    ("3.1 Roles and Permissions > Add another group", ["people.basic_info.view"], []),
    ("3.2 group name (any name works)", ["people.basic_info.view"], []),
    ("3.3 Select who's in this group", ["people.basic_info.view"], []),
    ("3.4 add the service user", ["people.basic_info.view"], []),
    ("3.5 Company tab", ["company.employee_fields.manage", "company.lists.edit_all"], []),
    ("3.6 Manage Employee Field Settings", ["company.employee_fields.manage"], []),
    ("3.7 Edit all lists", ["company.lists.edit_all"], []),
    ("3.8 Other Employees > People", ["people.about.view"], []),
    ("3.9.1 About", ["people.about.view"], []),
    ("3.9.2 Basic info", ["people.basic_info.view"], []),
    ("3.9.3 Work", ["people.work.view"], []),
    ("3.9.4 Work contact details", ["people.work_contact.view"], []),
    ("3.10.1 Address", ["people.address.view"], []),
    ("3.10.2 Employment sections", ["people.employment.view"], []),
    ("3.10.3 Employment section histories", ["people.employment.history.view"], []),
    ("3.10.4 Home", ["people.home.view"], []),
    ("3.10.5 Identification", ["people.identification.view"], []),
    ("3.10.6 Personal", ["people.personal.view"], []),
    ("3.10.7 Personal contact details", ["people.personal_contact.view"], []),
    ("3.10.8 User data", ["people.user_data.view"], []),
    ("3.11 Applies To: Select by condition", ["scope.lifecycle_status"], []),
    ("3.12 Lifecycle Status exists", ["scope.lifecycle_status"], []),
    ("3.13 Save Changes and Apply", [], ["3.13"]),
    ("4.1 Remote > Integrations > Hibob > Add", [], ["4.1-4.3"]),
    ("4.2 Add integration", [], ["4.1-4.3"]),
    ("4.3 enter the credentials", ["credentials.format"], ["4.1-4.3"]),
    ("sync 1 People > Directory > employee", ["sync_field.selection"], []),
    ("sync 2 Work section > edit", ["sync_field.selection"], []),
    ("sync 3 Sync to Remote: As employee / As contractor", ["sync_field.present"], []),
    ("sync 4 repeat for every employee", ["sync_field.selection"], []),
    ("sync: manual sync in Remote", [], ["sync"]),
  ]

  @Test func everyArticleStepMapsToARuleOrAManualCheck() {
    let ids = Set(Catalogue.rules.map(\.id))
    let manualSteps = Set(Catalogue.manualChecks.map(\.step))
    for row in Self.articleCoverage {
      #expect(!row.rules.isEmpty || !row.manual.isEmpty, "\(row.step) maps to nothing")
      for id in row.rules { #expect(ids.contains(id), "\(row.step): unknown rule \(id)") }
      for step in row.manual { #expect(manualSteps.contains(step), "\(row.step): no \(step)") }
    }
    // And the other way round: every rule and every manual check answers a step of the table.
    let covered = Set(Self.articleCoverage.flatMap(\.rules))
    #expect(ids.subtracting(covered).isEmpty, "rules without an article step")
    let usedManual = Set(Self.articleCoverage.flatMap(\.manual))
    #expect(manualSteps == usedManual)
    // Every numbered step of the article (2.1-2.4, 3.1-3.13, 3.9.x, 3.10.x, 4.1-4.3) is listed.
    var numbered = (1...4).map { "2.\($0)" } + (1...13).map { "3.\($0)" }
    numbered +=
      (1...4).map { "3.9.\($0)" } + (1...8).map { "3.10.\($0)" } + (1...3).map { "4.\($0)" }
    numbered += (1...4).map { "sync \($0)" }
    for step in numbered where ["3.9", "3.10"].contains(step) == false {
      #expect(
        Self.articleCoverage.contains { $0.step.hasPrefix(step + " ") }, "step \(step) missing")
    }
  }

  @Test func manualChecksCoverAdministratorAndSaving() {
    let steps = Catalogue.manualChecks.map(\.step)
    #expect(steps.contains("before you start"))
    #expect(steps.contains("3.13"))
    #expect(
      Catalogue.manualChecks.first { $0.step == "before you start" }!.text.contains("administrator")
    )
  }
}
