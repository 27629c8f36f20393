import CLISupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct DescriptorWriterTests {
  @Test func aFullDeviceIsAValueNotATrap() throws {
    let fd = open("/dev/full", O_WRONLY)
    try #require(fd >= 0)
    defer { close(fd) }
    #expect(DescriptorWriter.write(Array("report\n".utf8), to: fd) == .failed(errno: ENOSPC))
    #expect(DescriptorWriter.describe(errno: ENOSPC) == "No space left on device")
  }

  @Test func aClosedPipeIsBrokenPipe() throws {
    signal(SIGPIPE, SIG_IGN)
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    close(fds[0])
    defer { close(fds[1]) }
    #expect(DescriptorWriter.write(Array("report\n".utf8), to: fds[1]) == .brokenPipe)
  }

  @Test func everyByteArrivesThroughPartialWrites() throws {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    let readEnd = fds[0]
    defer { close(readEnd) }
    let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0) }
    let reader = Thread {
      var received: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 65_536)
      while true {
        let n = read(readEnd, &buffer, buffer.count)
        if n <= 0 { break }
        received += buffer[0..<n]
      }
      #expect(received == bytes)
    }
    reader.start()
    #expect(DescriptorWriter.write(bytes, to: fds[1]) == .written)
    close(fds[1])
    while !reader.isFinished { usleep(1000) }
  }
}
