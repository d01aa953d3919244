import KeelFrontEnd

/// A global variable's storage, shared between an exporting and importing instance.
package final class GlobalCell {
    /// The value's slot; owned by this cell, stable for its lifetime.
    package let slot: UnsafeMutablePointer<UInt64>
    package let type: GlobalType

    package var bits: UInt64 {
        get { slot.pointee }
        set { slot.pointee = newValue }
    }

    package init(type: GlobalType, bits: UInt64) {
        self.type = type
        self.slot = .allocate(capacity: 1)
        self.slot.initialize(to: bits)
    }

    deinit {
        slot.deallocate()
    }
}
