import Synchronization

/// One registered code region as the signal handler sees it (plain data, no references).
/// Sound as Sendable: plain addresses; the trap-site table it points to is immutable.
struct RegionEntry: @unchecked Sendable {
    /// Address range of the code, [start, end).
    var start: UInt
    var end: UInt
    /// Trap sites sorted by offset.
    var sites: UnsafePointer<TrapSite>
    var siteCount: Int
    /// Where a trap resumes.
    var landingPad: UInt
    /// `gregs` index of the register holding the execution context.
    var contextGreg: Int
    /// Offset in the context of the stack pointer the landing pad runs on.
    var stackPointerOffset: Int
}

/// A faulting-address range in which faults are expected (guard pages of a reservation).
struct ReservationEntry: Sendable {
    var start: UInt
    var end: UInt
}

/// An immutable snapshot of every registration, read by the handler without locks.
///
/// Layout: the header, then `regionCount` `RegionEntry`s sorted by start, then
/// `reservationCount` `ReservationEntry`s sorted by start.
struct RegistrySnapshot {
    var regionCount: Int
    var reservationCount: Int
    var regions: UnsafeMutablePointer<RegionEntry>
    var reservations: UnsafeMutablePointer<ReservationEntry>
}

/// The registrations, published to the signal handler as immutable snapshots.
///
/// Writers (register/unregister) serialize on a mutex, build a new snapshot, publish its
/// address with one atomic store and free retired snapshots (and the trap-site tables of
/// removed regions) once no handler is reading. The handler counts itself in `readers`
/// before loading the snapshot, so a snapshot is never freed under it. No lock, no
/// allocation and no reference counting happen on the handler's side.
enum TrapRegistry {
    // `current` and `readers` are declared beside the signal handler (TrapHandler.swift),
    // so its reads of them compile to plain atomic loads in every build mode.
    /// Writers' state: the live entries and what waits to be freed.
    static let writer = Mutex(WriterState())

    /// Sound as Sendable: only ever accessed under `writer`'s lock.
    struct WriterState: ~Copyable, @unchecked Sendable {
        var regions: [RegionEntry] = []
        var reservations: [ReservationEntry] = []
        var retiredSnapshots: [UInt] = []
        var retiredSites: [UnsafeMutablePointer<TrapSite>] = []
    }

    /// Touches every global the handler reads, so none is lazily initialized inside it.
    static func prepare() {
        _ = current.load(ordering: .acquiring)
        _ = readers.load(ordering: .acquiring)
    }

    /// Inserts `entry` into `entries`, kept sorted by start address.
    private static func insertSorted<Entry>(_ entry: Entry, into entries: inout [Entry], start: (Entry) -> UInt) {
        let at = entries.firstIndex { start($0) > start(entry) } ?? entries.count
        entries.insert(entry, at: at)
    }

    static func addRegion(_ entry: RegionEntry) {
        writer.withLock { state in
            insertSorted(entry, into: &state.regions) { $0.start }
            publish(&state)
        }
    }

    static func removeRegion(start: UInt) {
        writer.withLock { state in
            guard let at = state.regions.firstIndex(where: { $0.start == start }) else { return }
            state.retiredSites.append(UnsafeMutablePointer(mutating: state.regions[at].sites))
            state.regions.remove(at: at)
            publish(&state)
        }
    }

    static func addReservation(_ entry: ReservationEntry) {
        writer.withLock { state in
            insertSorted(entry, into: &state.reservations) { $0.start }
            publish(&state)
        }
    }

    static func removeReservation(start: UInt) {
        writer.withLock { state in
            guard let at = state.reservations.firstIndex(where: { $0.start == start }) else { return }
            state.reservations.remove(at: at)
            publish(&state)
        }
    }

    /// Builds and publishes a snapshot of `state`; frees what no handler can still see.
    private static func publish(_ state: inout WriterState) {
        let snapshot = UnsafeMutablePointer<RegistrySnapshot>.allocate(capacity: 1)
        let regions = UnsafeMutablePointer<RegionEntry>.allocate(capacity: max(1, state.regions.count))
        let reservations = UnsafeMutablePointer<ReservationEntry>.allocate(capacity: max(1, state.reservations.count))
        // Sound: each buffer was just allocated with room for the array copied into it.
        for (i, r) in state.regions.enumerated() { (regions + i).initialize(to: r) }
        for (i, r) in state.reservations.enumerated() { (reservations + i).initialize(to: r) }
        snapshot.initialize(
            to: RegistrySnapshot(
                regionCount: state.regions.count, reservationCount: state.reservations.count, regions: regions,
                reservations: reservations))
        let old = current.exchange(UInt(bitPattern: snapshot), ordering: .sequentiallyConsistent)
        if old != 0 { state.retiredSnapshots.append(old) }
        // A handler that starts reading after the exchange sees only the new snapshot.
        guard readers.load(ordering: .sequentiallyConsistent) == 0 else { return }
        for address in state.retiredSnapshots {
            // Sound: retired snapshots are unreachable from `current` and no reader is active.
            let s = UnsafeMutablePointer<RegistrySnapshot>(bitPattern: address)!
            s.pointee.regions.deallocate()
            s.pointee.reservations.deallocate()
            s.deallocate()
        }
        for sites in state.retiredSites { sites.deallocate() }
        state.retiredSnapshots.removeAll()
        state.retiredSites.removeAll()
    }
}
