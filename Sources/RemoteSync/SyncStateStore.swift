import Common
import Dispatch
import Foundation

/// The state file of one tenant, held under its lock while a sync runs.
///
/// Every `record` returns only once a file holding that record has replaced the old one
/// atomically (temporary file, fsync, rename, folder fsync). Records are **group-committed**:
/// while one write is in progress, the records that arrive meanwhile are applied in memory and
/// all written by the next write, which resumes each of their callers when it is durable. A
/// write starts after a pause as long as the previous write took, up to 0.25 s (about half the
/// time spent writing). So a crash loses only records not yet durable: at most the employees in flight
/// (`SyncEngine`: twice its concurrency), whose Remote employments the email look-up finds again
/// on the next run.
///
/// Each entry's JSON is encoded once, when it is recorded, and kept; a write concatenates them
/// (the same bytes `SyncState.jsonData()` gives), so a write costs a copy of the file, not an
/// encoding of it.
///
/// A failed write is final: its callers and every later `record` throw its error (the engine
/// stops the sync on the first one), and the file keeps the last state that was written whole.
public actor SyncStateStore {
  public nonisolated let url: URL
  private let lock: SyncLock?
  /// Everything recorded, written or about to be.
  public private(set) var state: SyncState
  private var encoded: StateFileEncoding
  /// Records applied in memory, and how many of them the file holds.
  private var applied = 0
  private var written = 0
  private var writing = false
  private var waiters: [(upTo: Int, resume: CheckedContinuation<SyncStateError?, Never>)] = []
  private var failure: SyncStateError?
  /// Writes made since the store was opened (each holds one or more records).
  public private(set) var writes = 0
  /// The bytes of the last write, kept so that the next one fills the same memory instead of
  /// allocating (and zeroing) the whole file's size again.
  private var buffer: [UInt8] = []

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
    guard SyncState.readableVersions.contains(state.version) else {
      throw .damaged(path: url.path, why: "unknown version \(state.version)")
    }
    return state
  }

  private init(url: URL, lock: SyncLock?, state: SyncState) {
    self.url = url
    self.lock = lock
    self.state = state
    encoded = StateFileEncoding(state)
  }

  public func entry(_ hibobId: String) -> SyncState.Entry? { state.employees[hibobId] }

  /// Records (or with nil, forgets) one employee; returns when the file holds it.
  public func record(_ hibobId: String, _ entry: SyncState.Entry?) async throws(SyncStateError) {
    try await durable(apply(hibobId, entry))
  }

  /// Records (or with nil, forgets) one employee in memory and starts writing it; returns the
  /// ticket that `durable(_:)` waits for. Until then a crash loses the record.
  public func apply(_ hibobId: String, _ entry: SyncState.Entry?) throws(SyncStateError) -> Int {
    if let failure { throw failure }
    state.employees[hibobId] = entry
    encoded.set(hibobId, entry)
    applied += 1
    if !writing {
      writing = true
      Task { await self.writeUntilCurrent() }
    }
    return applied
  }

  /// Returns once a file holding every record up to `ticket` has replaced the old one; throws
  /// the write's error if it failed first.
  public func durable(_ ticket: Int) async throws(SyncStateError) {
    if written >= ticket { return }
    // A writer is running whenever written < applied and nothing failed (it stops only then).
    if let failure { throw failure }
    let error = await withCheckedContinuation { waiters.append((ticket, $0)) }
    if let error { throw error }
  }

  /// Writes until the file holds every record applied, one write per batch.
  private func writeUntilCurrent() async {
    while written < applied, failure == nil {
      let target = applied
      var bytes = buffer
      buffer = []
      encoded.fill(&bytes, version: SyncState.currentVersion)
      let data = bytes
      let url = url
      let started = ContinuousClock.now
      let error = await withCheckedContinuation {
        (continuation: CheckedContinuation<SyncStateError?, Never>) in
        Self.writer.async {
          do throws(SyncStateError) {
            try FileIO.writeAtomically(data, to: url)
            continuation.resume(returning: nil)
          } catch {
            continuation.resume(returning: error)
          }
        }
      }
      buffer = data
      writes += 1
      if let error {
        failure = error
      } else {
        written = target
      }
      let done = waiters.filter { error != nil || $0.upTo <= target }
      waiters.removeAll { error != nil || $0.upTo <= target }
      for waiter in done { waiter.resume.resume(returning: error) }
      // Paced: before the next write, as long a pause as this one took (at most a quarter of a
      // second), so that the file (1.7 MB at 10,000 employees) is rewritten at most about half
      // the time; the records applied meanwhile join that next write.
      if written < applied, failure == nil {
        try? await Task.sleep(for: min(ContinuousClock.now - started, .milliseconds(250)))
      }
    }
    writing = false
  }

  /// Writes happen on their own thread, not the concurrency pool's (fsync blocks).
  private static let writer = DispatchQueue(label: "hibob-remote.sync-state-writer")

  /// Releases the lock. Idempotent.
  public func close() {
    lock?.release()
  }
}

/// The state file's bytes, kept as one encoded fragment per employee in file (sorted) order, so
/// that a file is a concatenation. The bytes are those of `SyncState.jsonData()` (JSONEncoder,
/// pretty-printed, sorted keys, slashes unescaped).
struct StateFileEncoding {
  /// `    "id" : {\n      "email" : ...\n    }` per employee, in file order (String order, which
  /// is JSONEncoder's for ASCII ids).
  private var fragments: [(id: String, bytes: [UInt8])] = []
  private var fragmentBytes = 0

  init(_ state: SyncState) {
    fragments = state.employees.keys.sorted().map { ($0, Self.fragment($0, state.employees[$0]!)) }
    fragmentBytes = fragments.reduce(0) { $0 + $1.bytes.count }
  }

  mutating func set(_ id: String, _ entry: SyncState.Entry?) {
    let i = insertionIndex(id)
    let present = i < fragments.count && fragments[i].id == id
    if present { fragmentBytes -= fragments[i].bytes.count }
    guard let entry else {
      if present { fragments.remove(at: i) }
      return
    }
    let bytes = Self.fragment(id, entry)
    fragmentBytes += bytes.count
    if present {
      fragments[i].bytes = bytes
    } else {
      fragments.insert((id, bytes), at: i)
    }
  }

  /// The first index whose id is not below `id`.
  private func insertionIndex(_ id: String) -> Int {
    var low = 0
    var high = fragments.count
    while low < high {
      let mid = (low + high) / 2
      if fragments[mid].id < id { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Replaces `out`'s contents (keeping its capacity) with the whole file: the bytes of
  /// `SyncState.jsonData()`.
  func fill(_ out: inout [UInt8], version: Int) {
    let head = Array("{\n  \"employees\" : {\n".utf8)
    let separator = Array(",\n".utf8)
    let tail = Array("\n  },\n  \"version\" : \(version)\n}".utf8)
    let total =
      head.count + fragmentBytes + separator.count * max(0, fragments.count - 1) + tail.count
    out.removeAll(keepingCapacity: true)
    out.reserveCapacity(total)
    out.append(contentsOf: head)
    for i in fragments.indices {
      if i > 0 { out.append(contentsOf: separator) }
      out.append(contentsOf: fragments[i].bytes)
    }
    out.append(contentsOf: tail)
    precondition(out.count == total, "state file length")
  }

  /// `    "<id>" : {entry}` as `JSONEncoder` writes it pretty with sorted keys at that depth.
  static func fragment(_ id: String, _ entry: SyncState.Entry) -> [UInt8] {
    var out: [UInt8] = []
    out += repeatElement(UInt8(ascii: " "), count: 4)
    JSONString.append(id, to: &out)
    out += Array(" : ".utf8)
    let encoded = (try? entryEncoder.encode(entry)) ?? Data("{}".utf8)
    for byte in encoded {
      out.append(byte)
      if byte == UInt8(ascii: "\n") { out += repeatElement(UInt8(ascii: " "), count: 4) }
    }
    return out
  }

  private static let entryEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()
}
