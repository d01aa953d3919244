// Keel name registry: maps short names to owner addresses.
//
// The specification (methods, encodings, events, abort messages, storage layout) is in
// README.md next to this file; keep the two in sync.
//
// Storage layout (the contract's own namespace):
//
//     key   = 0x6E ("n") ‖ name      (2...65 bytes)
//     value = owner address          (32 bytes)
//
// No other keys are written. Names sort as unsigned bytes, so the host's ordered range
// over [0x6E, 0x6F) lists them in ascending name order.

/// The first byte of every name record's key.
let nameKeyPrefix: UInt8 = 0x6E  // "n"

/// The longest valid name, in bytes.
let maxNameLength = 64

/// The most names `list` returns per call.
let listPageSize = 100

/// Whether `name` is 1...64 bytes of `a`-`z`, `0`-`9` and `-`.
func isValidName(_ name: [UInt8]) -> Bool {
  if name.isEmpty || name.count > maxNameLength { return false }
  for byte in name {
    let isLetter = byte >= 0x61 && byte <= 0x7A  // a-z
    let isDigit = byte >= 0x30 && byte <= 0x39  // 0-9
    let isHyphen = byte == 0x2D  // -
    if !(isLetter || isDigit || isHyphen) { return false }
  }
  return true
}

/// Aborts with "invalid name" unless `name` is valid.
func requireValidName(_ name: [UInt8]) {
  if !isValidName(name) { abort("invalid name") }
}

/// The storage key of the record for `name`.
func nameKey(_ name: [UInt8]) -> [UInt8] {
  var key: [UInt8] = []
  key.reserveCapacity(1 + name.count)
  key.append(nameKeyPrefix)
  key.append(contentsOf: name)
  return key
}

/// The owner of the registered `name`; aborts with "name not registered" if there is none.
func registeredOwner(_ name: [UInt8]) -> Address {
  guard let owner = Storage.get(nameKey(name)) else { abort("name not registered") }
  if owner.count != addressSize { abort("corrupt storage") }
  return owner
}

/// Input: the name. Registers it to the caller.
@_expose(wasm, "register")
@_cdecl("register")
public func register() {
  let name = Input.read()
  requireValidName(name)
  let key = nameKey(name)
  if Storage.has(key) { abort("name taken") }
  Storage.set(key, Context.caller)
  Events.emit(topic: "registered", data: name)
}

/// Input: the name. Returns its owner (32 bytes), or nothing when it is not registered.
@_expose(wasm, "lookup")
@_cdecl("lookup")
public func lookup() {
  let name = Input.read()
  requireValidName(name)
  if let owner = Storage.get(nameKey(name)) {
    if owner.count != addressSize { abort("corrupt storage") }
    Output.return(owner)
  }
}

/// Input: new owner (32 bytes) ‖ name. Only the current owner may transfer.
@_expose(wasm, "transfer")
@_cdecl("transfer")
public func transfer() {
  let input = Input.read()
  if input.count < addressSize { abort("invalid input") }
  let newOwner = Array(input[0..<addressSize])
  let name = Array(input[addressSize..<input.count])
  requireValidName(name)
  let owner = registeredOwner(name)
  if owner != Context.caller { abort("not the owner") }
  Storage.set(nameKey(name), newOwner)
  Events.emit(topic: "transferred", data: input)
}

/// Input: the name. Only the current owner may release; the name becomes free.
@_expose(wasm, "release")
@_cdecl("release")
public func release() {
  let name = Input.read()
  requireValidName(name)
  let owner = registeredOwner(name)
  if owner != Context.caller { abort("not the owner") }
  Storage.remove(nameKey(name))
  Events.emit(topic: "released", data: name)
}

/// Input: nothing, or a name to start after. Returns up to 100 registered names in
/// ascending order, each as its length (1 byte) followed by its bytes.
@_expose(wasm, "list")
@_cdecl("list")
public func list() {
  let input = Input.read()
  var start: [UInt8] = [nameKeyPrefix]
  if !input.isEmpty {
    requireValidName(input)
    // The smallest key after "n" ‖ name is "n" ‖ name ‖ 0x00.
    start = nameKey(input)
    start.append(0x00)
  }
  let end: [UInt8] = [nameKeyPrefix + 1]

  var output: [UInt8] = []
  output.reserveCapacity(listPageSize * (1 + maxNameLength))
  var listed = 0
  let records = Storage.range(from: start, to: end, values: false)
  while listed < listPageSize, let (key, _) = records.next() {
    let nameLength = key.count - 1
    if nameLength < 1 || nameLength > maxNameLength { abort("corrupt storage") }
    output.append(UInt8(nameLength))
    output.append(contentsOf: key[1..<key.count])
    listed += 1
  }
  records.close()
  Output.return(output)
}
