import Foundation
import LoopbackHTTP
import Synchronization

/// The simulated Remote served on loopback: `start(port:)` gives the base URL
/// (`http://127.0.0.1:PORT`, the host only, like `https://gateway.remote.com`).
public final class SimulatedRemote: Sendable {
  public let simulator: RemoteSimulator
  private let server = Mutex<LoopbackServer?>(nil)

  public init(configuration: RemoteSimulatorConfiguration = RemoteSimulatorConfiguration()) {
    simulator = RemoteSimulator(configuration: configuration)
  }

  /// Starts serving on 127.0.0.1 (`port` 0: any free port); returns the base URL. Calling it
  /// again while serving returns the same URL.
  @discardableResult
  public func start(port: Int = 0) throws -> URL {
    if let url = baseURL { return url }
    let s = LoopbackServer(port: port, handler: simulator.handler)
    let bound = try s.start()
    server.withLock { $0 = s }
    return URL(string: "http://127.0.0.1:\(bound)")!
  }

  /// Stops serving. Idempotent.
  public func stop() {
    let s = server.withLock { s -> LoopbackServer? in
      defer { s = nil }
      return s
    }
    s?.stop()
  }

  /// The base URL while serving.
  public var baseURL: URL? {
    server.withLock { $0.map { URL(string: "http://127.0.0.1:\($0.port)")! } }
  }

  public var employments: [RemoteEmploymentRecord] { simulator.employments }
  public var requestLog: [RemoteLoggedRequest] { simulator.requestLog }
  public func inject(_ fault: RemoteFault) { simulator.inject(fault) }
}
