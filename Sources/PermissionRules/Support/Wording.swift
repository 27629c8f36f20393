import Foundation

/// Wording shared by the rules: click paths, probe failures and lists of employee ids.
enum Wording {
  /// The article's path to the permission group (steps 3.1 and 3.5/3.8).
  static let groupPath = "Settings > Roles and Permissions > (your group) > Manage Permissions"
  /// Every remediation that changes the group ends with saving it.
  static let save = "then Save Changes (3.13)."
  /// At most this many employee ids appear in a reason or a note.
  static let maxIds = 20

  /// Up to 20 Hibob employee ids, then how many more: "1001, 1002 and 3 more".
  static func ids(_ ids: [String]) -> String {
    let shown = ids.prefix(maxIds).joined(separator: ", ")
    let rest = ids.count - min(ids.count, maxIds)
    return rest > 0 ? "\(shown) and \(rest) more" : shown
  }

  /// "1 employee", "212 employees".
  static func employees(_ count: Int) -> String {
    count == 1 ? "1 employee" : "\(count) employees"
  }

  /// What a failed probe got, for a reason: "HTTP 503", "a network failure (timed out)".
  static func failure(_ failure: ProbeFailure) -> String {
    switch failure {
    case .unauthorized: return "401 (not authenticated)"
    case .forbidden: return "403 (not permitted)"
    case .notFound: return "404 (not found, or the module is not purchased)"
    case .badRequest(let status): return "\(status) (the request was refused as invalid)"
    case .rateLimited: return "429 (rate-limited past the retry budget)"
    case .httpStatus(let status): return "HTTP \(status)"
    case .invalidResponse(let text): return "an answer that was not the expected JSON (\(text))"
    case .network(let text): return "a network failure (\(text))"
    case .deadline: return "no answer before the run's deadline"
    }
  }

  /// The reason of an `error` caused by a failed probe.
  static func couldNotDecide(_ probe: String, _ failure: ProbeFailure) -> String {
    "Could not be decided: \(probe) got \(Wording.failure(failure)). This proves nothing either "
      + "way; run the check again."
  }

  /// The reason of an `error` caused by a probe that was not sent.
  static func notProbed(_ probe: String) -> String {
    "Could not be decided: \(probe) was not sent."
  }

  /// Probe names used in reasons.
  static let metadataProbe = "the field metadata (GET /company/people/fields)"
  static let searchProbe = "the people search (POST /people/search, showInactive: true)"
  static let activeSearchProbe = "the active-only people search (showInactive: false)"
  static let historyProbe = "the employment history (GET /bulk/people/employment)"
  static let syncListProbe = "the Sync to Remote field's list (GET /company/named-lists/{list})"

  /// Adds `note` to every evidence entry (after its own note, if any).
  static func annotate(_ evidence: [Evidence], _ note: String) -> [Evidence] {
    evidence.map { $0.noting($0.note.map { "\($0); \(note)" } ?? note) }
  }

  /// Compares names the way the rules do: ignoring case and outer white space.
  static func sameName(_ a: String, _ b: String) -> Bool {
    normalised(a) == normalised(b)
  }

  static func normalised(_ s: String) -> String {
    s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }
}
