import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The thin executable: parse, run one command, map its outcome to an exit code.
// Every library error reaches here as a value; nothing is printed below this layer.
signal(SIGPIPE, SIG_IGN)
let code = await CLI.main(
  arguments: Array(CommandLine.arguments.dropFirst()),
  environment: ProcessInfo.processInfo.environment)
exit(code)
