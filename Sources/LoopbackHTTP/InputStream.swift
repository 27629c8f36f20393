import Foundation

/// Buffered reading from a ``Connection``: bytes received past the end of one request stay
/// here for the next one (pipelining, keep-alive).
struct InputStream {
  enum Outcome<T> {
    case value(T)
    /// The peer closed (or the server is stopping) before the item was complete.
    case ended
    case refused(RequestError)
  }

  let connection: Connection
  private var storage: [UInt8] = []
  private var start = 0
  private var scratch = [UInt8](repeating: 0, count: 64 * 1024)

  init(connection: Connection) {
    self.connection = connection
  }

  private var available: Int { storage.count - start }

  /// Drops consumed bytes when they are at least half the buffer; returns by how much
  /// indices into `storage` moved down.
  @discardableResult
  private mutating func compact() -> Int {
    guard start > 0 && start >= storage.count / 2 else { return 0 }
    let shift = start
    storage.removeFirst(shift)
    start = 0
    return shift
  }

  /// Receives once more; false at end of stream.
  private mutating func fill() -> Bool {
    let n = scratch.withUnsafeMutableBytes { connection.receive(into: $0) }
    guard n > 0 else { return false }
    storage.append(contentsOf: scratch[0..<n])
    return true
  }

  /// Reads the request line and headers up to the blank line, across any number of reads.
  /// Empty lines before the request line are skipped (RFC 9112 section 2.2).
  mutating func readHead() -> Outcome<ArraySlice<UInt8>> {
    compact()
    var scanned = start
    while true {
      while start < storage.count && (storage[start] == 0x0D || storage[start] == 0x0A) {
        start += 1
      }
      scanned = max(scanned, start)
      if let end = findBlankLine(from: scanned) {
        guard end + 4 - start <= HTTPLimits.maxHeaderBytes else {
          return .refused(.headersTooLarge)
        }
        let block = storage[start..<end]
        start = end + 4
        return .value(block)
      }
      if available > HTTPLimits.maxHeaderBytes { return .refused(.headersTooLarge) }
      scanned = max(start, storage.count - 3)
      scanned -= compact()
      if !fill() { return .ended }
    }
  }

  private func findBlankLine(from: Int) -> Int? {
    var i = from
    while i + 3 < storage.count {
      if storage[i] == 0x0D && storage[i + 1] == 0x0A && storage[i + 2] == 0x0D
        && storage[i + 3] == 0x0A
      {
        return i
      }
      i += 1
    }
    return nil
  }

  /// Reads exactly `count` bytes, appending them to `data`. Large bodies are received
  /// straight into `data`'s storage.
  mutating func read(count: Int, appendingTo data: inout Data) -> Bool {
    precondition(count >= 0)
    compact()
    let fromBuffer = min(count, available)
    data.append(contentsOf: storage[start..<(start + fromBuffer)])
    start += fromBuffer
    var remaining = count - fromBuffer
    guard remaining > 0 else { return true }
    data.reserveCapacity(data.count + remaining)
    let base = data.count
    data.count = base + remaining
    var offset = base
    let ok = data.withUnsafeMutableBytes { raw -> Bool in
      while remaining > 0 {
        let slice = UnsafeMutableRawBufferPointer(rebasing: raw[offset..<(offset + remaining)])
        let n = connection.receive(into: slice)
        if n <= 0 { return false }
        offset += n
        remaining -= n
      }
      return true
    }
    return ok
  }

  /// Reads one line ending in CRLF (or LF), without the terminator.
  mutating func readLine(limit: Int) -> Outcome<ArraySlice<UInt8>> {
    compact()
    var scanned = start
    while true {
      if let lf = storage[scanned...].firstIndex(of: 0x0A) {
        var end = lf
        if end > start && storage[end - 1] == 0x0D { end -= 1 }
        let line = storage[start..<end]
        start = lf + 1
        return .value(line)
      }
      if available > limit { return .refused(.badRequest) }
      scanned = storage.count - compact()
      if !fill() { return .ended }
    }
  }

  /// Reads a `Transfer-Encoding: chunked` body (RFC 9112 section 7.1), trailers discarded.
  mutating func readChunkedBody() -> Outcome<Data> {
    var body = Data()
    while true {
      let line: ArraySlice<UInt8>
      switch readLine(limit: HTTPLimits.maxChunkLineBytes) {
      case .value(let l): line = l
      case .ended: return .ended
      case .refused(let e): return .refused(e)
      }
      let sizeText = line.prefix { $0 != UInt8(ascii: ";") }
      let hex = String(decoding: sizeText, as: UTF8.self).trimmingSpaces()
      guard !hex.isEmpty, hex.count <= 15, hex.allSatisfy(\.isHexDigit),
        let size = Int(hex, radix: 16)
      else {
        return .refused(.badRequest)
      }
      if size == 0 { break }
      guard body.count + size <= HTTPLimits.maxBodyBytes else { return .refused(.bodyTooLarge) }
      guard read(count: size, appendingTo: &body) else { return .ended }
      switch readLine(limit: 2) {
      case .value(let l) where l.isEmpty: continue
      case .value: return .refused(.badRequest)
      case .ended: return .ended
      case .refused(let e): return .refused(e)
      }
    }
    var trailerBytes = 0
    while true {
      switch readLine(limit: HTTPLimits.maxHeaderBytes) {
      case .value(let l) where l.isEmpty: return .value(body)
      case .value(let l):
        trailerBytes += l.count + 2
        if trailerBytes > HTTPLimits.maxHeaderBytes { return .refused(.headersTooLarge) }
      case .ended: return .ended
      case .refused(let e): return .refused(e)
      }
    }
  }
}
