import Foundation

/// A Hibob service user's id and token. Printing it never shows the token.
public struct Credentials: Sendable, Equatable, CustomStringConvertible,
  CustomDebugStringConvertible
{
  public var serviceUserId: String
  public var token: String

  public init(serviceUserId: String, token: String) {
    self.serviceUserId = serviceUserId
    self.token = token
  }

  /// `Basic base64("<id>:<token>")`. Goes into the `Authorization` header and nowhere else.
  public var authorizationHeader: String {
    "Basic " + Data("\(serviceUserId):\(token)".utf8).base64EncodedString()
  }

  public var description: String { "Credentials(serviceUserId: <redacted>, token: <redacted>)" }
  public var debugDescription: String { description }
}

extension Credentials: CustomReflectable {
  /// Keeps `dump()` and string interpolation of mirrors from showing the token.
  public var customMirror: Mirror {
    Mirror(self, children: ["token": "<redacted>"], displayStyle: .struct)
  }
}
