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

  @Test func theFileIsWhatJSONEncoderWrites() async throws {
    let dir = TempDir()
    let tricky = "q\"b\\s/\u{1}\u{1f}\t\n\r\u{8}\u{c}\u{e9}\u{2028}\u{1F600}\u{7f}"
    let store = try SyncStateStore.open(dir.stateFile)
    try await store.record("B", .init(remoteId: "r/B", email: tricky, payloadHash: "h"))
    try await store.record("10", .init(remoteId: "r10", email: "x@example.com", payloadHash: "h10"))
    try await store.record("9", .init(remoteId: "r9", email: "\u{e9}@example.com", payloadHash: ""))
    try await store.record("a", .init(remoteId: "ra", email: "a@example.com", payloadHash: "ha"))
    try await store.record("a", .init(remoteId: "ra2", email: "a@example.com", payloadHash: "ha2"))
    try await store.record("Z", .init(remoteId: "rz", email: "z@example.com", payloadHash: "hz"))
    try await store.record("Z", nil)
    let state = await store.state
    #expect(try Data(contentsOf: dir.stateFile) == (try state.jsonData()))
    #expect(try SyncStateStore.load(dir.stateFile) == state)
    #expect(state.employees["B"]?.email == tricky)
    for id in ["B", "10", "9", "a"] { try await store.record(id, nil) }
    #expect(try Data(contentsOf: dir.stateFile) == (try SyncState().jsonData()))
    await store.close()
  }

  @Test func reopenedStoresKeepTheEntriesAlreadyThere() async throws {
    let dir = TempDir()
    var first = try SyncStateStore.open(dir.stateFile)
    for i in 0..<5 {
      try await first.record(
        "\(i)", .init(remoteId: "r\(i)", email: "\(i)@e.com", payloadHash: "h"))
    }
    await first.close()
    first = try SyncStateStore.open(dir.stateFile)
    try await first.record("7", .init(remoteId: "r7", email: "7@e.com", payloadHash: "h"))
    try await first.record("2", nil)
    let state = await first.state
    await first.close()
    #expect(state.employees.keys.sorted() == ["0", "1", "3", "4", "7"])
    #expect(try Data(contentsOf: dir.stateFile) == (try state.jsonData()))
  }

  /// Group commit: records made at once share writes, and each is in the file when its call
  /// returns.
  @Test func concurrentRecordsAreEachDurableWhenTheirCallReturns() async throws {
    let dir = TempDir()
    let store = try SyncStateStore.open(dir.stateFile)
    let file = dir.stateFile
    try await withThrowingTaskGroup(of: Void.self) { group in
      for i in 0..<200 {
        group.addTask {
          let id = String(format: "%04d", i)
          try await store.record(
            id, .init(remoteId: "r\(i)", email: "\(i)@e.com", payloadHash: "h"))
          #expect(try SyncStateStore.load(file).employees[id]?.remoteId == "r\(i)")
        }
      }
      try await group.waitForAll()
    }
    let state = await store.state
    let writes = await store.writes
    await store.close()
    #expect(state.employees.count == 200)
    #expect(try SyncStateStore.load(file) == state)
    #expect(writes >= 1 && writes <= 200)
  }

  /// `apply` records in memory and starts the write; `durable` waits for the file. The engine
  /// waits so outside an employee's request slot.
  @Test func anAppliedRecordIsInTheFileOnceItsTicketIsDurable() async throws {
    let dir = TempDir()
    let store = try SyncStateStore.open(dir.stateFile)
    let first = try await store.apply(
      "1", .init(remoteId: "r1", email: "a@example.com", payloadHash: "h1"))
    let second = try await store.apply(
      "2", .init(remoteId: "r2", email: "b@example.com", payloadHash: "h2"))
    #expect(second > first)
    #expect(await store.state.employees.count == 2, "applied in memory at once")
    try await store.durable(second)
    #expect(try SyncStateStore.load(dir.stateFile).employees.keys.sorted() == ["1", "2"])
    try await store.durable(first)
    #expect(try Data(contentsOf: dir.stateFile) == (try await store.state.jsonData()))
    await store.close()
  }

  @Test func aFailedWriteFailsThatRecordAndEveryLaterOne() async throws {
    let dir = TempDir()
    let folder = dir.url.appendingPathComponent("sub")
    let file = folder.appendingPathComponent("state.json")
    let store = try SyncStateStore.open(file)
    try await store.record("1", .init(remoteId: "r1", email: "a@example.com", payloadHash: "h"))
    // The folder becomes a file: the temporary file cannot be created.
    try FileManager.default.removeItem(at: folder)
    try Data("not a folder".utf8).write(to: folder)
    await #expect(throws: SyncStateError.self) {
      try await store.record("2", .init(remoteId: "r2", email: "b@example.com", payloadHash: "h"))
    }
    try FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    await #expect(throws: SyncStateError.self) {
      try await store.record("3", .init(remoteId: "r3", email: "c@example.com", payloadHash: "h"))
    }
    await #expect(throws: SyncStateError.self) {
      _ = try await store.apply(
        "4", .init(remoteId: "r4", email: "d@example.com", payloadHash: "h"))
    }
    #expect(!FileManager.default.fileExists(atPath: file.path), "nothing written after a failure")
    await store.close()
  }

  @Test func aMissingFileIsAnEmptyState() throws {
    let dir = TempDir()
    #expect(try SyncStateStore.load(dir.stateFile) == SyncState())
  }

  @Test(arguments: [
    "", "[]", "{\"version\": 3, \"employees\": {}}", "{\"employees\": 3}", "\u{0}\u{1}",
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
