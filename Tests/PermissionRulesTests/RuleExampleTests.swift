import Testing

@testable import PermissionRules

/// One case per example of every rule: the rule's own evaluator must give the example's status.
struct RuleExampleCase: Sendable, CustomStringConvertible {
  let rule: Rule
  let example: RuleExample
  var description: String { "\(rule.id): \(example)" }

  static let all: [RuleExampleCase] = Catalogue.rules.flatMap { rule in
    rule.examples.map { RuleExampleCase(rule: rule, example: $0) }
  }
}

@Suite struct RuleExampleTests {
  @Test(arguments: RuleExampleCase.all)
  func example(_ c: RuleExampleCase) {
    let result = c.rule.evaluate(c.example.observations)
    #expect(result.status == c.example.expected, "\(c): \(result.reason)")
    #expect(!result.reason.isEmpty)
    #expect(c.rule.statuses.contains(result.status), "undeclared status \(result.status)")
  }

  /// Failures that prove nothing never become pass or fail, whatever the rule.
  @Test(arguments: Catalogue.rules)
  func examplesOfUndecidableProbesAreErrors(_ rule: Rule) {
    for example in rule.examples
    where example.name.contains("503") || example.name.contains("timed out") {
      #expect(example.expected == .error, "\(rule.id): \(example.name)")
    }
  }
}

extension Rule: CustomStringConvertible {
  public var description: String { id }
}
