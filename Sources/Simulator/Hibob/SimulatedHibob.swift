import Foundation
import LoopbackHTTP

/// A `HibobSimulator` served over loopback HTTP.
///
/// ```swift
/// let hibob = try SimulatedHibob.start(tenant: try Tenant.load(contentsOf: url))
/// defer { hibob.stop() }
/// // point the client at hibob.baseURL (http://127.0.0.1:PORT/v1)
/// #expect(hibob.simulator.count(status: 401) == 0)
/// ```
public final class SimulatedHibob: Sendable {
  /// The handler: its request log, faults and current lists and fields.
  public let simulator: HibobSimulator
  private let server: LoopbackServer

  private init(simulator: HibobSimulator, server: LoopbackServer) {
    self.simulator = simulator
    self.server = server
  }

  /// Starts serving `tenant` on 127.0.0.1 (`port` 0 picks a free one).
  public static func start(
    tenant: Tenant, port: Int = 0, clock: @escaping @Sendable () -> Date = { Date() }
  ) throws -> SimulatedHibob {
    let simulator = HibobSimulator(tenant: tenant, clock: clock)
    let server = LoopbackServer(port: port) { request in await simulator.handle(request) }
    try server.start()
    return SimulatedHibob(simulator: simulator, server: server)
  }

  /// The API base, `http://127.0.0.1:PORT/v1`.
  public var baseURL: URL { server.baseURL.appendingPathComponent("v1") }

  /// The bound port.
  public var port: Int { server.port }

  /// Stops the server; idempotent.
  public func stop() { server.stop() }
}
