import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// CPU time and memory of this process, as the kernel counts them.
enum ProcessResources {
  /// User plus system CPU time of this process so far, in seconds (`getrusage(RUSAGE_SELF)`).
  static func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1_000_000
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1_000_000
    return user + system
  }

  /// Peak resident set size of this process so far, in MB (`VmHWM` of /proc/self/status,
  /// else `ru_maxrss`).
  static func peakMemoryMB() -> Double {
    if let kb = statusField("VmHWM") { return kb / 1024 }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
  }

  /// Resident set size now, in MB (`VmRSS`), or 0 when unknown.
  static func currentMemoryMB() -> Double {
    (statusField("VmRSS") ?? 0) / 1024
  }

  /// A `kB` field of /proc/self/status.
  private static func statusField(_ name: String) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return nil
    }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      let digits = line.dropFirst(name.count + 1).filter { $0.isNumber }
      return Double(String(digits))
    }
    return nil
  }

  /// Monotonic time in seconds.
  static func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
  }
}
