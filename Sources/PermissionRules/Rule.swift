/// One rule of the permission matrix: what the catalogue says of it, which statuses its evaluator
/// can give, the pure evaluator and the examples that are its tests. Each rule lives in its own
/// file under `Rules/`; `Catalogue.rules` lists them in the matrix's order.
public struct Rule: Sendable {
  public let metadata: RuleMetadata
  /// Every status the evaluator itself can return (`skipped` comes from the catalogue, never from
  /// an evaluator). The meta-tests require an example for each.
  public let statuses: [Status]
  /// What must be observed for the rule to be decided, one sentence (for `explain`).
  public let needs: String
  /// What each status means for this rule, in `statuses` order (for `explain` and the docs).
  public let statusMeanings: [Status: String]
  public let examples: [RuleExample]
  private let evaluator: @Sendable (Observations) -> Evaluation

  public init(
    metadata: RuleMetadata, statuses: [Status], needs: String, statusMeanings: [Status: String],
    examples: [RuleExample], evaluate: @escaping @Sendable (Observations) -> Evaluation
  ) {
    self.metadata = metadata
    self.statuses = statuses
    self.needs = needs
    self.statusMeanings = statusMeanings
    self.examples = examples
    self.evaluator = evaluate
  }

  public var id: String { metadata.id }

  /// The rule's own verdict on `observations`, ignoring dependencies (`Catalogue.evaluate`
  /// applies those).
  public func evaluate(_ observations: Observations) -> Evaluation {
    evaluator(observations)
  }
}

/// What an evaluator decides: status, a reason a person can act on (counts and at most 20 Hibob
/// employee ids, never personal data) and the exchanges behind it.
public struct Evaluation: Sendable, Equatable {
  public var status: Status
  public var reason: String
  public var evidence: [Evidence]
  /// The rule whose failure explains why this one could not be judged (the Work section hidden
  /// from everyone, a section missing from the metadata). `Catalogue.evaluate` reports this rule
  /// `skipped`, naming that one, when it failed or was skipped itself; otherwise this evaluation
  /// stands (an `error`: it could not be decided, and no failure explains why).
  public var blockedBy: String?

  public init(_ status: Status, _ reason: String, _ evidence: [Evidence] = []) {
    self.status = status
    self.reason = reason
    self.evidence = evidence
    self.blockedBy = nil
  }

  /// `error` with `reason`, unless `rule` failed (or was skipped): then the catalogue reports
  /// `skipped`, naming `rule` (a dependency's failure is not an `error`: permission-matrix.md).
  public static func blocked(by rule: String, _ reason: String, _ evidence: [Evidence] = [])
    -> Evaluation
  {
    var evaluation = Evaluation(.error, reason, evidence)
    evaluation.blockedBy = rule
    return evaluation
  }
}

/// An observation and the status a rule must give for it. The examples are the rule's tests.
public struct RuleExample: Sendable, CustomStringConvertible {
  public let name: String
  public let observations: Observations
  public let expected: Status

  public init(_ name: String, _ observations: Observations, _ expected: Status) {
    self.name = name
    self.observations = observations
    self.expected = expected
  }

  public var description: String { "\(name) -> \(expected.rawValue)" }
}
