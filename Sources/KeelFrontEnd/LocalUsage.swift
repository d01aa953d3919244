/// How heavily a function uses each of its locals: every `local.get`, `local.set` and `local.tee`
/// counts 8^d for its loop nesting depth d (capped at 8^6), saturating at `UInt32.max`.
///
/// A backend that keeps the hottest locals in registers for a whole function (`CodeGenerator`'s
/// `wantsLocalUsage`) gets these weights before `beginFunction`. The scan walks the body's bytes
/// once, skipping each instruction's immediates, without building instructions; the weights are
/// only a placement hint, so at an opcode it does not know (or bytes that do not decode) it
/// stops with what it has counted, and the validating pass that follows reports any error.
package enum LocalUsage {
    package static func weights(of code: ArraySlice<UInt8>, localCount: Int) -> [UInt32] {
        var scanner = Scanner(bytes: code, weights: Array(repeating: 0, count: localCount))
        scanner.scan()
        return scanner.weights
    }

    struct Scanner {
        let bytes: ArraySlice<UInt8>
        var weights: [UInt32]
        var position: Int
        /// Whether each open block, loop or if is a loop.
        var openLoops: [Bool] = []
        var loopDepth = 0

        init(bytes: ArraySlice<UInt8>, weights: [UInt32]) {
            self.bytes = bytes
            self.weights = weights
            position = bytes.startIndex
        }

        /// The next byte, or nil at the end.
        mutating func byte() -> UInt8? {
            guard position < bytes.endIndex else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        /// Reads an unsigned LEB128 (at most 10 bytes; nil when it runs off the end).
        mutating func leb() -> UInt64? {
            var value: UInt64 = 0
            for shift in stride(from: 0, to: 70, by: 7) {
                guard let b = byte() else { return nil }
                if shift < 64 { value |= UInt64(b & 0x7F) << UInt64(shift) }
                if b & 0x80 == 0 { return value }
            }
            return nil
        }

        mutating func skip(_ count: Int) -> Bool {
            guard bytes.endIndex - position >= count else { return false }
            position += count
            return true
        }

        mutating func count(_ index: UInt64) {
            guard index < UInt64(weights.count) else { return }
            let weight: UInt32 = 1 << (3 * min(loopDepth, 6))
            let (sum, overflow) = weights[Int(index)].addingReportingOverflow(weight)
            weights[Int(index)] = overflow ? .max : sum
        }

        /// Skips a block type: empty (0x40), a value type, or a type index (s33).
        mutating func blockType() -> Bool {
            guard position < bytes.endIndex else { return false }
            let b = bytes[position]
            if b == 0x40 || (b >= 0x6F && b <= 0x7F) { return skip(1) }
            return leb() != nil
        }

        mutating func scan() {
            while let opcode = byte() {
                guard step(opcode) else { return }
            }
        }

        /// Handles one instruction; false to stop.
        mutating func step(_ opcode: UInt8) -> Bool {
            switch opcode {
            case 0x02, 0x04:
                openLoops.append(false)
                return blockType()
            case 0x03:
                openLoops.append(true)
                loopDepth += 1
                return blockType()
            case 0x0B:
                guard let wasLoop = openLoops.popLast() else { return false }  // the function's end
                if wasLoop { loopDepth -= 1 }
                return true
            case 0x00, 0x01, 0x05, 0x0F, 0x1A, 0x1B, 0xD1, 0x45...0xC4:
                return true
            case 0x20, 0x21, 0x22:
                guard let index = leb() else { return false }
                count(index)
                return true
            case 0x0C, 0x0D, 0x10, 0x23, 0x24, 0x25, 0x26, 0x3F, 0x40, 0xD2:
                return leb() != nil
            case 0x11:
                return leb() != nil && leb() != nil
            case 0x0E:
                // n targets and the default.
                guard let n = leb(), n < UInt64(bytes.count) else { return false }
                for _ in 0...n {
                    guard leb() != nil else { return false }
                }
                return true
            case 0x1C:
                guard let n = leb(), n < UInt64(bytes.count) else { return false }
                return skip(Int(n))
            case 0x28...0x3E:
                // memarg: alignment (bit 6: a memory index follows), then the offset.
                guard let align = leb() else { return false }
                if align & 0x40 != 0 && leb() == nil { return false }
                return leb() != nil
            case 0x41, 0x42:
                return leb() != nil
            case 0x43: return skip(4)
            case 0x44: return skip(8)
            case 0xD0: return skip(1)
            case 0xFC:
                guard let sub = leb() else { return false }
                switch sub {
                case 0...7: return true
                case 9, 11, 13, 15, 16, 17: return leb() != nil
                case 8, 10, 12, 14: return leb() != nil && leb() != nil
                default: return false
                }
            default:
                return false
            }
        }
    }
}
