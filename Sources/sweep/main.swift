import Foundation
import Logging
import SweepCLI

// Logging is bootstrapped once, here; every command and library takes a logger from it.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .trace  // each logger sets its own level (SWEEP_LOG_LEVEL or the command's default)
    return handler
}
await SweepCommand.runMain()
