/// A pattern over the results that points at one root cause ("one cause before fifteen
/// symptoms"). Its examples are observations run through `Catalogue.evaluate` and whether the
/// pattern must fire on them.
public struct DiagnosisPattern: Sendable {
  public let id: String
  /// When it fires, one sentence (for the docs).
  public let when: String
  public let examples: [DiagnosisExample]
  private let detector: @Sendable ([RuleResult], Observations) -> DiagnosisItem?

  init(
    id: String, when: String, examples: [DiagnosisExample],
    detect: @escaping @Sendable ([RuleResult], Observations) -> DiagnosisItem?
  ) {
    self.id = id
    self.when = when
    self.examples = examples
    self.detector = detect
  }

  /// The item when the pattern fits, else nil.
  public func detect(_ results: [RuleResult], _ observations: Observations) -> DiagnosisItem? {
    detector(results, observations)
  }
}

/// An observation and whether a diagnosis pattern must fire on its results.
public struct DiagnosisExample: Sendable, CustomStringConvertible {
  public let name: String
  public let observations: Observations
  public let fires: Bool

  init(_ name: String, _ observations: Observations, fires: Bool) {
    self.name = name
    self.observations = observations
    self.fires = fires
  }

  public var description: String { "\(name) -> \(fires ? "fires" : "quiet")" }
}

extension Catalogue {
  /// The diagnosis patterns, most fundamental first.
  public static let diagnosisPatterns: [DiagnosisPattern] = [
    Diagnoses.otherEnvironment,
    Diagnoses.firewallBlock,
    Diagnoses.wrongBaseURL,
    Diagnoses.notInGroup,
    Diagnoses.companyPermissionsMissing,
    Diagnoses.step310NotGranted,
    Diagnoses.appliesTo,
    Diagnoses.historyOnly,
    Diagnoses.rateLimited,
    Diagnoses.unreachable,
    Diagnoses.whatRemains,
  ]

  /// The likeliest root causes behind `results` (from `evaluate(observations)`), in pattern
  /// order; empty when no pattern fits.
  public static func diagnose(_ results: [RuleResult], _ observations: Observations)
    -> [DiagnosisItem]
  {
    diagnosisPatterns.compactMap { $0.detect(results, observations) }
  }
}

/// Helpers the patterns share.
extension [RuleResult] {
  func status(_ id: String) -> Status? {
    first { $0.id == id }?.status
  }

  func ids(where predicate: (RuleResult) -> Bool) -> [String] {
    filter(predicate).map(\.id)
  }
}

extension Observations {
  /// Every probe's failure, if any.
  var failures: [ProbeFailure] {
    [
      fieldMetadata.failure, searchAll.failure, searchActive.failure,
      employmentHistory.failure, syncFieldList.failure, fieldSettingsWrite.failure,
      listsWrite.failure,
    ].compactMap { $0 }
  }
}
