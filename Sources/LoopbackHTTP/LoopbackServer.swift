import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A small HTTP/1.1 server on a loopback address, for the simulated Hibob and Remote APIs and
/// for tests that talk HTTP for real.
///
/// Design:
/// - `start()` opens a blocking IPv4 (or IPv6 for `::1`) socket with `SO_REUSEADDR`, binds it,
///   listens, reads the port back with `getsockname`, and runs `accept` on a dedicated `Thread`.
/// - Every accepted connection gets its own `Thread` that reads with blocking `recv`: the
///   request line and headers until the blank line (any number of reads, at most 64 KiB, else
///   431), then exactly `Content-Length` bytes (at most 256 MiB, else 413) or a decoded
///   `Transfer-Encoding: chunked` body. `Expect: 100-continue` is answered with
///   `100 Continue`. The async handler runs in a `Task`; the connection's thread waits for it.
///   Blocking I/O never runs on Swift's cooperative thread pool.
/// - Responses get a reason phrase, the handler's headers (its own `Content-Length`,
///   `Transfer-Encoding` and `Connection` are dropped), `Content-Length` (not for 204 and 304)
///   and `Connection: keep-alive|close`; HEAD gets no body. Bodies are sent from the
///   response's own storage with `send(MSG_NOSIGNAL)` in a loop (partial sends, `EINTR`); small
///   ones go out in one send with the headers. Keep-alive is the HTTP/1.1 default (HTTP/1.0
///   needs `Connection: keep-alive`); `Connection: close` from the client or the handler,
///   `.closeConnection` or `.truncateBody`, or a refused request (400, 413, 431, 501, 505)
///   closes the connection after the response. A handler status outside 200...999 is sent as
///   500. There is no idle timeout: idle keep-alive connections stay open until the client
///   closes them or the server stops.
/// - `ServerResponse.delay` and trickle pauses sleep on the connection's thread, and wake at
///   once when the server stops.
/// - Every descriptor is closed exactly once: each connection counts the system calls using
///   its descriptor, and `close` shuts the socket down (waking blocked calls) and closes it
///   when the last call returns. `stop()` is idempotent and serialised: it shuts the listener
///   down, waits for the accept thread to end, closes the listener, closes every connection,
///   cancels running handler tasks, and waits (at most a second) for the descriptors to close.
/// - `SIGPIPE` is ignored process-wide once, as a second guard beside `MSG_NOSIGNAL`.
public final class LoopbackServer: Sendable {
  private let core: ServerCore

  /// host must be a loopback address ("127.0.0.1" default); port 0 picks a free one.
  public init(host: String = "127.0.0.1", port: Int = 0, handler: @escaping RequestHandler) {
    core = ServerCore(host: host, requestedPort: port, handler: handler)
  }

  deinit {
    core.stop()
  }

  /// Binds, listens, starts accepting; returns the bound port (read back with getsockname).
  @discardableResult public func start() throws -> Int {
    try core.start()
  }

  /// The bound port; 0 before start.
  public var port: Int { core.port }

  /// `http://127.0.0.1:PORT` (no trailing slash); IPv6 hosts are bracketed.
  public var baseURL: URL {
    let host = core.urlHost
    return URL(string: "http://\(host):\(port)")!
  }

  /// Idempotent (safe from deinit, defer and twice); closes the listener and every open
  /// connection exactly once; returns after the accept loop has ended.
  public func stop() {
    core.stop()
  }
}
