/// A position in the code being emitted, possibly not yet known (a forward reference).
///
/// Labels are created by an assembler, referenced by branches, calls, RIP-relative operands
/// and jump-table entries, and bound once to the current offset.
public struct Label: Hashable, Sendable {
    /// The label's index in its assembler's label table.
    public let id: Int32
}

/// Why emitted code could not be finished.
public enum AssemblerError: Error, Equatable, CustomStringConvertible {
    /// A branch or table entry refers to a label that was never bound.
    case unboundLabel(Label, referencedAt: Int)
    /// A label was bound twice.
    case labelBoundTwice(Label, first: Int, second: Int)
    /// A short (rel8) reference does not reach its label.
    case shortBranchOutOfRange(Label, referencedAt: Int, distance: Int)

    public var description: String {
        switch self {
        case let .unboundLabel(label, at):
            "label \(label.id) is referenced at code offset \(at) but never bound"
        case let .labelBoundTwice(label, first, second):
            "label \(label.id) bound at code offset \(first) and again at \(second)"
        case let .shortBranchOutOfRange(label, at, distance):
            "short branch at code offset \(at) to label \(label.id) spans \(distance) bytes (rel8 reaches -128...127)"
        }
    }
}

/// One reference to a label whose displacement is written when the label is known.
struct Fixup {
    /// Offset of the displacement field.
    var at: Int32
    /// Offset the displacement counts from (end of the instruction, or a jump table's start).
    var origin: Int32
    /// The label referred to.
    var label: Int32
    /// Width of the displacement field in bytes: 1 or 4.
    var width: Int8
}

/// Labels and their pending references for one function's code; ISA-neutral bookkeeping.
struct LabelTable {
    /// Bound offset of each label, or -1 while unbound.
    private(set) var positions: [Int32] = []
    /// References not yet resolved.
    private(set) var fixups: [Fixup] = []
    /// The first double bind, reported by `resolve`.
    private var doubleBind: AssemblerError?

    mutating func make() -> Label {
        positions.append(-1)
        return Label(id: Int32(positions.count - 1))
    }

    /// The bound offset of `label`, or nil.
    @inline(__always)
    func position(_ label: Label) -> Int? {
        let p = positions[Int(label.id)]
        return p < 0 ? nil : Int(p)
    }

    mutating func bind(_ label: Label, at offset: Int) {
        let previous = positions[Int(label.id)]
        if previous >= 0 {
            if doubleBind == nil { doubleBind = .labelBoundTwice(label, first: Int(previous), second: offset) }
            return
        }
        positions[Int(label.id)] = Int32(offset)
    }

    @inline(__always)
    mutating func refer(_ label: Label, at: Int, origin: Int, width: Int8) {
        fixups.append(Fixup(at: Int32(at), origin: Int32(origin), label: label.id, width: width))
    }

    /// Writes every pending displacement into `buffer`; all labels referenced must be bound.
    mutating func resolve(into buffer: CodeBuffer) throws(AssemblerError) {
        if let doubleBind { throw doubleBind }
        for fixup in fixups {
            let target = positions[Int(fixup.label)]
            guard target >= 0 else {
                throw .unboundLabel(Label(id: fixup.label), referencedAt: Int(fixup.at))
            }
            let distance = Int(target) - Int(fixup.origin)
            if fixup.width == 1 {
                guard distance >= -128 && distance <= 127 else {
                    throw .shortBranchOutOfRange(Label(id: fixup.label), referencedAt: Int(fixup.at), distance: distance)
                }
                buffer.patch8(at: Int(fixup.at), UInt8(bitPattern: Int8(distance)))
            } else {
                buffer.patch32(at: Int(fixup.at), UInt32(bitPattern: Int32(distance)))
            }
        }
        fixups.removeAll(keepingCapacity: true)
    }

    mutating func reset() {
        positions.removeAll(keepingCapacity: true)
        fixups.removeAll(keepingCapacity: true)
        doubleBind = nil
    }
}
