import Foundation
import RemoteSync
import Testing

@Suite struct StateStoreTests {
  @Test func recordsAreWrittenAtOnceAndReadBack() async throws {
    let dir = TempDir()
    let file = dir.url.appendingPathComponent("deeper/state.json")
    let store = try SyncStateStore.open(file)
    try await store.record("1", .init(remoteId: "r1", email: "a@example.com", payloadHash: "h1"))
    #expect(try SyncStateStore.load(file).employees["1"]?.remoteId == "r1")
    try await store.record("2", .init(remoteId: "r2", email: "b@example.com", payloadHash: "h2"))
    try await store.record("1", nil)
    await store.close()
    let state = try SyncStateStore.load(file)
    #expect(state.employees.keys.sorted() == ["2"])
    var st = stat()
    #expect(stat(file.path, &st) == 0)
    #expect(st.st_mode & 0o077 == 0, "the state holds emails: owner only")
    let leftovers = try FileManager.default.contentsOfDirectory(
      atPath: file.deletingLastPathComponent().path
    )
    .filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty)
    let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
    #expect(text.contains("\"remote_id\" : \"r2\""))
    #expect(text.contains("\"payload_hash\" : \"h2\""))
  }

  @Test func aMissingFileIsAnEmptyState() throws {
    let dir = TempDir()
    #expect(try SyncStateStore.load(dir.stateFile) == SyncState())
  }

  @Test(arguments: [
    "", "[]", "{\"version\": 2, \"employees\": {}}", "{\"employees\": 3}", "\u{0}\u{1}",
  ])
  func damagedFilesAreRefusedAndKept(_ content: String) async throws {
    let dir = TempDir()
    try Data(content.utf8).write(to: dir.stateFile)
    #expect(throws: SyncStateError.self) { try SyncStateStore.load(dir.stateFile) }
    do {
      _ = try SyncStateStore.open(dir.stateFile)
      Issue.record("opened a damaged state")
    } catch {
      guard case .damaged = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(error.description.contains("move it aside"))
    }
    #expect(try Data(contentsOf: dir.stateFile) == Data(content.utf8))
    // The lock was released: a holder can take it.
    let lock = try SyncLock.acquire(at: SyncStatePaths.lockFile(for: dir.stateFile))
    lock.release()
  }

  @Test func theLockNamesItsHolderAndIsFreedOnRelease() throws {
    let dir = TempDir()
    let path = SyncStatePaths.lockFile(for: dir.stateFile)
    #expect(path.lastPathComponent == "state.json.lock")
    let first = try SyncLock.acquire(at: path)
    #expect(
      String(decoding: try Data(contentsOf: path), as: UTF8.self) == "\(getpid())\n")
    #expect(throws: SyncStateError.locked(lockPath: path.path, pid: getpid())) {
      try SyncLock.acquire(at: path)
    }
    first.release()
    first.release()
    let second = try SyncLock.acquire(at: path)
    second.release()
  }

  @Test func defaultPathIsPerTenantUnderTheDataFolder() {
    let a = SyncStatePaths.defaultStateFile(
      hibobBaseURL: "https://api.hibob.com/v1", serviceUserId: "S1",
      environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"])
    #expect(a.path.hasPrefix("/data/hibob-remote/state-"))
    #expect(a.pathExtension == "json")
    let b = SyncStatePaths.defaultStateFile(
      hibobBaseURL: "https://api.hibob.com/v1", serviceUserId: "S2",
      environment: ["XDG_DATA_HOME": "/data"])
    #expect(a != b)
    let c = SyncStatePaths.defaultStateFile(
      hibobBaseURL: "https://api.hibob.com/v1", serviceUserId: "S1",
      environment: ["HOME": "/home/u", "XDG_DATA_HOME": "relative"])
    #expect(c.path.hasPrefix("/home/u/.local/share/hibob-remote/state-"))
    #expect(c.lastPathComponent == a.lastPathComponent)
  }
}
