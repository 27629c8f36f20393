import Foundation

/// The state file of one tenant, held under its lock while a sync runs. Every `record` replaces
/// the file atomically, so a crash loses at most the employee in flight. An actor: concurrent
/// employees record one at a time.
public actor SyncStateStore {
  public nonisolated let url: URL
  private let lock: SyncLock?
  public private(set) var state: SyncState
  private var closed = false

  /// Takes the lock beside `url`, then reads the file (a missing file is an empty state). A file
  /// that cannot be read as a state is an error and is left untouched.
  public static func open(_ url: URL) throws(SyncStateError) -> SyncStateStore {
    let lock = try SyncLock.acquire(at: SyncStatePaths.lockFile(for: url))
    do {
      let state = try load(url)
      return SyncStateStore(url: url, lock: lock, state: state)
    } catch {
      lock.release()
      throw error
    }
  }

  /// Reads a state file without locking it (for tests and `--dry-run` inspection).
  public static func load(_ url: URL) throws(SyncStateError) -> SyncState {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      if !FileManager.default.fileExists(atPath: url.path) { return SyncState() }
      throw .io(path: url.path, operation: "read", errno: EACCES)
    }
    let state: SyncState
    do {
      state = try JSONDecoder().decode(SyncState.self, from: data)
    } catch {
      throw .damaged(path: url.path, why: "not a JSON sync state")
    }
    guard state.version == SyncState.currentVersion else {
      throw .damaged(path: url.path, why: "unknown version \(state.version)")
    }
    return state
  }

  private init(url: URL, lock: SyncLock?, state: SyncState) {
    self.url = url
    self.lock = lock
    self.state = state
  }

  public func entry(_ hibobId: String) -> SyncState.Entry? { state.employees[hibobId] }

  /// Records (or with nil, forgets) one employee and replaces the file.
  public func record(_ hibobId: String, _ entry: SyncState.Entry?) throws(SyncStateError) {
    var next = state
    next.employees[hibobId] = entry
    let data: Data
    do { data = try next.jsonData() } catch {
      throw .io(path: url.path, operation: "encode", errno: EINVAL)
    }
    try FileIO.writeAtomically(data, to: url)
    state = next
  }

  /// Releases the lock. Idempotent.
  public func close() {
    lock?.release()
    closed = true
  }
}
