import Foundation

/// Runs a handler's jobs on the connection's own thread. The handler's task prefers this
/// executor, so a shared cooperative pool kept busy by other work (two threads on a two-core
/// machine) never delays a simulated answer: the connection thread that waits for the response
/// is the thread that computes it.
final class ConnectionExecutor: TaskExecutor, @unchecked Sendable {
  // `@unchecked`: every field is guarded by `condition`.
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []
  private var finished = false

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  /// Runs jobs on the calling thread until `finish()` is called and no job is left.
  func runUntilFinished() {
    while true {
      condition.lock()
      while jobs.isEmpty && !finished { condition.wait() }
      if jobs.isEmpty {
        condition.unlock()
        return
      }
      let job = jobs.removeFirst()
      condition.unlock()
      job.runSynchronously(on: asUnownedTaskExecutor())
    }
  }

  /// Called by the handler's task as its last step.
  func finish() {
    condition.lock()
    finished = true
    condition.signal()
    condition.unlock()
  }
}
