import Foundation

/// Another process of this benchmark executable, talked to over pipes: JSON lines on its
/// standard output, its standard input held open until `closeInput()`. Its standard error is
/// ours.
final class Child {
  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private var buffer = Data()

  init(arguments: [String], environment: [String: String] = [:]) throws {
    process.executableURL = URL(fileURLWithPath: try Child.executablePath())
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardInput = input
    process.standardOutput = output
    try process.run()
  }

  /// This executable, as the kernel knows it.
  static func executablePath() throws -> String {
    do {
      return try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    } catch {
      guard let path = Bundle.main.executablePath else {
        throw BenchError("cannot find the benchmark's own executable to start a child process")
      }
      return path
    }
  }

  /// The next line the child printed, decoded; throws when it ends first.
  func read<T: Decodable>(_ type: T.Type) throws -> T {
    while true {
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        let line = buffer[buffer.startIndex..<newline]
        buffer = Data(buffer[(newline + 1)...])
        do {
          return try JSONDecoder().decode(T.self, from: Data(line))
        } catch {
          throw BenchError("a child process printed an unexpected line: \(error)")
        }
      }
      let more = output.fileHandleForReading.availableData
      if more.isEmpty {
        process.waitUntilExit()
        throw BenchError(
          "a child process (\(process.arguments?.first ?? "?")) ended with status "
            + "\(process.terminationStatus) before answering; see its messages above")
      }
      buffer.append(more)
    }
  }

  /// Closes the child's standard input (a server child then stops).
  func closeInput() {
    try? input.fileHandleForWriting.close()
  }

  /// Waits for the child to end; its exit status.
  @discardableResult
  func wait() -> Int32 {
    process.waitUntilExit()
    return process.terminationStatus
  }
}
