import Common

/// Atomic writes live in Common now; the old names keep code written against Preflight compiling.
public typealias AtomicFile = Common.AtomicFile  // compat: remove after merge
public typealias AtomicWriteError = Common.AtomicWriteError  // compat: remove after merge
