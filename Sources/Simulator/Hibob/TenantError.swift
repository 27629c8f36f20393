import Foundation

/// Why a tenant file could not be used. Every description is one line saying where.
public enum TenantError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be read.
  case unreadable(path: String, reason: String)
  /// Not JSON, or not the tenant format's shape; `location` is a path such as `employees[3].id`.
  case malformed(location: String, reason: String)
  /// Well-formed but inconsistent: an unknown section, field, list item, employee, ...
  case invalid(location: String, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): return "cannot read tenant file \(path): \(reason)"
    case .malformed(let location, let reason):
      return location.isEmpty ? "tenant: \(reason)" : "\(location): \(reason)"
    case .invalid(let location, let reason): return "\(location): \(reason)"
    }
  }
}
