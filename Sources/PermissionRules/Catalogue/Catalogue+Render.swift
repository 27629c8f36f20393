import Common
import Foundation

/// The catalogue for the `rules` and `explain` commands and for docs/RULES.md. Pure: strings and
/// bytes, no printing.
extension Catalogue {
  /// One block per rule (id, step, severity, title, what it proves), then the manual checks.
  public static func text() -> String {
    var out = "hibob-remote rules: \(rules.count) rules, rules version \(rulesVersion)\n"
    for rule in rules {
      let m = rule.metadata
      out += "\n\(m.id)  [step \(m.step), \(m.severity.rawValue)]\n"
      out += paragraph("\(m.title). \(m.summary)")
    }
    out += "\nManual checks (no API call can prove these):\n"
    for check in manualChecks {
      out += paragraph("[\(check.step)] \(check.text)")
    }
    out += "\nRun `hibob-remote explain RULE_ID` for how a rule is probed and how to fix it.\n"
    return out
  }

  /// Everything about one rule, or nil for an unknown id (see `closestIds(to:)`).
  public static func explain(_ id: String) -> String? {
    guard let rule = rule(id: id) else { return nil }
    let m = rule.metadata
    var out = "\(m.id): \(m.title)\n"
    out += "Article step \(m.step); \(m.severity.rawValue)"
    out +=
      m.severity == .blocking
      ? " (a fail makes the verdict fail).\n" : " (changes the verdict only under --strict).\n"
    out += "\nWhat a pass proves:\n" + paragraph(m.summary)
    out += "\nWhat it needs:\n" + paragraph(rule.needs)
    out += "\nHow it is probed:\n" + paragraph(m.probe)
    out += "\nStatuses:\n"
    for status in rule.statuses {
      out += paragraph("\(status.rawValue): \(rule.statusMeanings[status] ?? "")")
    }
    out += paragraph("skipped: \(skippedMeaning(m))")
    out += "\nFix (shown with fail, warn and manual):\n" + paragraph(m.remediation)
    out +=
      "\nDepends on: " + (m.dependsOn.isEmpty ? "nothing" : m.dependsOn.joined(separator: ", "))
    let dependents = dependents(of: m.id)
    out +=
      "\nRules that depend on it: "
      + (dependents.isEmpty ? "none" : dependents.joined(separator: ", ")) + "\n"
    return out
  }

  /// The catalogue as JSON: `rules_version`, `rules`, `manual_checks`, `diagnosis_patterns`;
  /// snake_case keys, sorted, pretty-printed, byte-stable.
  public static func json() -> Data {
    let document = JSONCatalogue(
      rulesVersion: rulesVersion,
      rules: rules.map { rule in
        let m = rule.metadata
        return JSONCatalogue.Entry(
          id: m.id, title: m.title, step: m.step, severity: m.severity.rawValue,
          summary: m.summary, needs: rule.needs, probe: m.probe,
          statuses: rule.statuses.map(\.rawValue),
          statusMeanings: Dictionary(
            uniqueKeysWithValues: rule.statusMeanings.map { ($0.key.rawValue, $0.value) }),
          remediation: m.remediation, dependsOn: m.dependsOn)
      },
      manualChecks: manualChecks.map { JSONCatalogue.Manual(step: $0.step, text: $0.text) },
      diagnosisPatterns: diagnosisPatterns.map { JSONCatalogue.Pattern(id: $0.id, when: $0.when) })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(document)) ?? Data()
  }

  /// The catalogue as Markdown; docs/RULES.md is exactly this.
  public static func markdown() -> String {
    var out = "# Rules\n\n"
    out +=
      "<!-- Generated from Catalogue.markdown() in Sources/PermissionRules; do not edit. "
      + "Regenerate with: RECORD_SNAPSHOTS=1 swift test --filter PermissionRulesTests -->\n\n"
    out +=
      "The checks `hibob-remote check` runs, in report order. Rules version "
      + "`\(rulesVersion)`. Each rule proves one requirement of Remote's Hibob integration "
      + "article from Hibob's API answers; see `hibob-remote explain RULE_ID`.\n\n"
    out += "| id | step | severity | title |\n|---|---|---|---|\n"
    for m in metadata {
      out += "| [`\(m.id)`](#\(anchor(m.id))) | \(m.step) | \(m.severity.rawValue) | \(m.title) |\n"
    }
    out += "\n## Statuses\n\n| status | meaning |\n|---|---|\n"
    for status in Status.allCases {
      out += "| `\(status.rawValue)` | \(statusMeaning(status)) |\n"
    }
    for rule in rules {
      let m = rule.metadata
      out += "\n## `\(m.id)`\n\n"
      out += "**\(m.title).** Step \(m.step), \(m.severity.rawValue).\n\n"
      out += "- **Proves:** \(m.summary)\n"
      out += "- **Needs:** \(rule.needs)\n"
      out += "- **Probe:** \(m.probe)\n"
      out +=
        "- **Depends on:** "
        + (m.dependsOn.isEmpty ? "nothing" : m.dependsOn.map { "`\($0)`" }.joined(separator: ", "))
        + "\n\n"
      out += "| status | when |\n|---|---|\n"
      for status in rule.statuses {
        out += "| `\(status.rawValue)` | \(rule.statusMeanings[status] ?? "") |\n"
      }
      out += "| `skipped` | \(skippedMeaning(m)) |\n\n"
      out += "**Fix:** \(m.remediation)\n"
    }
    out += "\n## Manual checks\n\nNo API call can prove these; every report lists them.\n\n"
    out += "| step | check |\n|---|---|\n"
    for check in manualChecks {
      out += "| \(check.step) | \(check.text) |\n"
    }
    out += "\n## Diagnosis\n\nAfter the rules, the report names a likely root cause when:\n\n"
    for pattern in diagnosisPatterns {
      out += "- `\(pattern.id)`: \(pattern.when).\n"
    }
    return out
  }

  // MARK: Helpers

  static func dependents(of id: String) -> [String] {
    metadata.filter { $0.dependsOn.contains(id) }.map(\.id)
  }

  private static func skippedMeaning(_ m: RuleMetadata) -> String {
    m.dependsOn.isEmpty
      ? "never: it depends on nothing"
      : "when " + m.dependsOn.joined(separator: " or ") + " does not pass or warn"
  }

  private static func statusMeaning(_ status: Status) -> String {
    switch status {
    case .pass: return "the API's answers prove the requirement holds"
    case .fail: return "the API's answers prove it does not hold"
    case .warn: return "it holds, but something will likely hurt the sync"
    case .error: return "it could not be decided (network, 5xx, 429, bad JSON); never pass or fail"
    case .manual: return "the API cannot prove it (or write probes were off): check by hand"
    case .skipped: return "a rule it depends on did not pass, so it was not probed"
    }
  }

  /// GitHub's heading anchor for "`id`": lowercase, dots and backticks dropped.
  private static func anchor(_ id: String) -> String {
    id.filter { $0 != "." }
  }

  /// `text` as an indented paragraph ending in a newline: Common's wrap at 100 columns, the
  /// words split at spaces, every line starting with two spaces.
  private static func paragraph(_ text: String) -> String {
    TextWrap.wrap(text.split(separator: " "), width: 100, first: "  ", indent: "  ")
      .joined(separator: "\n") + "\n"
  }
}

/// The shape of `Catalogue.json()`.
private struct JSONCatalogue: Encodable {
  struct Entry: Encodable {
    var id, title, step, severity, summary, needs, probe: String
    var statuses: [String]
    var statusMeanings: [String: String]
    var remediation: String
    var dependsOn: [String]

    enum CodingKeys: String, CodingKey {
      case id, title, step, severity, summary, needs, probe, statuses, remediation
      case statusMeanings = "status_meanings"
      case dependsOn = "depends_on"
    }
  }
  struct Manual: Encodable {
    var step, text: String
  }
  struct Pattern: Encodable {
    var id, when: String
  }

  var rulesVersion: String
  var rules: [Entry]
  var manualChecks: [Manual]
  var diagnosisPatterns: [Pattern]

  enum CodingKeys: String, CodingKey {
    case rules
    case rulesVersion = "rules_version"
    case manualChecks = "manual_checks"
    case diagnosisPatterns = "diagnosis_patterns"
  }
}
