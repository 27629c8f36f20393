import Foundation
import Testing

@testable import Common

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct AtomicFileTests {
  /// A fresh directory, removed at the end of the test.
  private func withDirectory(_ body: (String) throws -> Void) throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("hibob-remote-atomic-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
    defer {
      chmod(dir, 0o700)
      try? FileManager.default.removeItem(atPath: dir)
    }
    try body(dir)
  }

  private func entries(_ dir: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
  }

  private func mode(_ path: String) -> mode_t {
    var st = stat()
    stat(path, &st)
    return st.st_mode & 0o7777
  }

  @Test func writesNewFilesWithMode0600() throws {
    try withDirectory { dir in
      let path = dir + "/report.json"
      try AtomicFile.write(Data("one".utf8), to: path)
      #expect(FileManager.default.contents(atPath: path) == Data("one".utf8))
      #expect(mode(path) == 0o600)
      #expect(try entries(dir) == ["report.json"])
    }
  }

  @Test func replacesAndKeepsTheExistingMode() throws {
    try withDirectory { dir in
      let path = dir + "/report.json"
      try Data("old contents".utf8).write(to: URL(fileURLWithPath: path))
      chmod(path, 0o640)
      try AtomicFile.write(Data("new".utf8), to: path)
      #expect(FileManager.default.contents(atPath: path) == Data("new".utf8))
      #expect(mode(path) == 0o640)
      #expect(try entries(dir) == ["report.json"])
    }
  }

  @Test func relativePathsUseTheCurrentDirectory() {
    #expect(AtomicFile.split("report.json") == (".", "report.json"))
    #expect(AtomicFile.split("/report.json") == ("/", "report.json"))
    #expect(AtomicFile.split("a/b/c.xml") == ("a/b", "c.xml"))
  }

  @Test func aWriteThatFailsMidwayLeavesTheOldFileWholeAndNoTemp() throws {
    try withDirectory { dir in
      let path = dir + "/report.json"
      let old = Data(String(repeating: "old report ", count: 1000).utf8)
      try old.write(to: URL(fileURLWithPath: path))
      let new = Data(String(repeating: "new report ", count: 5000).utf8)
      #expect(throws: AtomicWriteError.noSpace(path)) {
        try AtomicFile.write(new, to: path, fault: .diskFullAfter(7000))
      }
      #expect(FileManager.default.contents(atPath: path) == old)
      #expect(try entries(dir) == ["report.json"])
      #expect(throws: AtomicWriteError.self) {
        try AtomicFile.write(new, to: path, fault: .renameFails)
      }
      #expect(FileManager.default.contents(atPath: path) == old)
      #expect(try entries(dir) == ["report.json"])
      // A new file that fails leaves nothing at all.
      #expect(throws: AtomicWriteError.noSpace(dir + "/new.json")) {
        try AtomicFile.write(new, to: dir + "/new.json", fault: .diskFullAfter(0))
      }
      #expect(try entries(dir) == ["report.json"])
    }
  }

  @Test func manyWritersLeaveOneWholeFile() throws {
    try withDirectory { dir in
      let path = dir + "/state.json"
      let payloads = (0..<8).map { i in Data(String(repeating: "\(i)", count: 50_000).utf8) }
      DispatchQueue.concurrentPerform(iterations: payloads.count) { i in
        try? AtomicFile.write(payloads[i], to: path)
      }
      let final = try #require(FileManager.default.contents(atPath: path))
      #expect(payloads.contains(final))
      #expect(try entries(dir) == ["state.json"])
    }
  }

  @Test func aFailedRenameLeavesNoTemp() throws {
    try withDirectory { dir in
      // A non-empty directory at the target: stat says "directory" before anything is written.
      let path = dir + "/report.json"
      try FileManager.default.createDirectory(
        atPath: path + "/inner", withIntermediateDirectories: true)
      #expect(throws: AtomicWriteError.targetIsDirectory(path)) {
        try AtomicFile.write(Data("x".utf8), to: path)
      }
      #expect(try entries(dir) == ["report.json"])
    }
  }

  /// Root ignores directory permissions, so this runs only for other users (CI runs as one).
  @Test(.enabled(if: geteuid() != 0, "root ignores directory permissions"))
  func aReadOnlyDirectoryIsRefusedAndTheOldFileStays() throws {
    try withDirectory { dir in
      let path = dir + "/report.json"
      try Data("old".utf8).write(to: URL(fileURLWithPath: path))
      chmod(dir, 0o500)
      #expect(throws: AtomicWriteError.notWritable(dir)) {
        try AtomicFile.write(Data("new".utf8), to: path)
      }
      chmod(dir, 0o700)
      #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
      #expect(try entries(dir) == ["report.json"])
    }
  }

  @Test func missingDirectoryAndNotADirectoryAreOneLineErrors() throws {
    try withDirectory { dir in
      let missing = dir + "/nope/report.json"
      #expect(throws: AtomicWriteError.directoryMissing(dir + "/nope")) {
        try AtomicFile.write(Data("x".utf8), to: missing)
      }
      let file = dir + "/plain"
      try Data("x".utf8).write(to: URL(fileURLWithPath: file))
      #expect(throws: AtomicWriteError.notADirectory(file)) {
        try AtomicFile.write(Data("x".utf8), to: file + "/report.json")
      }
      #expect(try entries(dir) == ["plain"])
    }
    for bad in ["", "/tmp/", "/tmp/.", "/tmp/.."] {
      #expect(throws: AtomicWriteError.self, "\(bad)") { try AtomicFile.write(Data(), to: bad) }
    }
    #expect(
      AtomicWriteError.directoryMissing("/x/y").description
        == "cannot write into /x/y: the directory does not exist")
    #expect(
      AtomicWriteError.notWritable("/x").description
        == "cannot write into /x: permission denied (the directory is not writable)")
  }
}
