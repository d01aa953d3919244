@_exported import struct KeelFrontEnd.CompileError
@_exported import struct KeelFrontEnd.CostSchedule
@_exported import struct KeelFrontEnd.ResourceLimits
@_exported import enum KeelFrontEnd.ExternType
@_exported import struct KeelFrontEnd.FunctionType
@_exported import struct KeelFrontEnd.GlobalType
@_exported import struct KeelFrontEnd.Limits
@_exported import struct KeelFrontEnd.MemoryType
@_exported import struct KeelFrontEnd.TableType
@_exported import enum KeelFrontEnd.ValueType
@_exported import struct KeelRuntime.Trap
@_exported import enum KeelRuntime.TrapKind

/// Why an import could not be resolved at instantiation.
public struct LinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Starts with "unknown import" or "incompatible import type" and names the import.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
