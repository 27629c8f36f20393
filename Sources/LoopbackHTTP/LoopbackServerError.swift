#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a ``LoopbackServer`` could not start.
public enum LoopbackServerError: Error, Equatable, CustomStringConvertible {
  /// The host is not a loopback address (127.0.0.0/8, `::1` or `localhost`).
  case notLoopback(host: String)
  /// The port is outside 0...65535.
  case invalidPort(Int)
  /// Another socket already listens on this port.
  case addressInUse(host: String, port: Int)
  /// A socket call failed; `errno` is the C error number.
  case socketFailed(operation: String, errno: Int32)
  /// `start()` was called on a server that is already running.
  case alreadyStarted
  /// `start()` was called after `stop()`; a stopped server cannot be restarted.
  case stopped

  public var description: String {
    switch self {
    case .notLoopback(let host):
      return "refusing to serve on \(host): the loopback server binds loopback addresses only "
        + "(127.0.0.1, ::1 or localhost)"
    case .invalidPort(let port):
      return "invalid port \(port): use 0 (any free port) or 1...65535"
    case .addressInUse(let host, let port):
      return "cannot listen on \(host):\(port): the port is already in use; "
        + "stop the other process or use port 0 to pick a free port"
    case .socketFailed(let operation, let code):
      return "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    case .alreadyStarted:
      return "the loopback server is already started"
    case .stopped:
      return "the loopback server was stopped and cannot be started again; create a new one"
    }
  }
}
