import Foundation
import Synchronization

/// One request the simulator answered, for tests to assert on. It never holds the
/// Authorization header, the token or the body.
public struct LoggedRequest: Sendable, Equatable {
  public var method: String
  /// The path without the query, e.g. `/v1/people/search`; a segment holding an email address
  /// is logged as `{email}`.
  public var path: String
  public var query: [String: String]
  /// The status answered; 0 when the connection was closed without an answer.
  public var status: Int
  /// The request carried the tenant's service-user credentials.
  public var authorized: Bool
  public var time: Date
  /// The injected fault, when one fired.
  public var fault: FaultSpec.Kind?

  public init(
    method: String, path: String, query: [String: String], status: Int, authorized: Bool,
    time: Date, fault: FaultSpec.Kind? = nil
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.status = status
    self.authorized = authorized
    self.time = time
    self.fault = fault
  }
}
