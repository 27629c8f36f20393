/// A requirement no API call can prove, listed once in every report.
public struct ManualCheck: Codable, Sendable, Equatable {
  public var step: String
  public var text: String

  public init(step: String, text: String) {
    self.step = step
    self.text = text
  }
}
