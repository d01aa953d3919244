// A contract that exercises every part of the Swift SDK; driven by test/run.sh.

func hexBytes(_ hex: StaticString) -> [UInt8] {
  let digits = [UInt8](utf8: hex)
  func value(_ c: UInt8) -> UInt8 {
    if c >= 0x30 && c <= 0x39 { return c - 0x30 }
    if c >= 0x61 && c <= 0x66 { return c - 0x61 + 10 }
    abort("bad hex")
  }
  var out: [UInt8] = []
  var i = 0
  while i + 1 < digits.count {
    out.append(value(digits[i]) << 4 | value(digits[i + 1]))
    i += 2
  }
  return out
}

func check(_ condition: Bool, _ message: StaticString) {
  if !condition { abort(message) }
}

@_expose(wasm, "echo")
@_cdecl("echo")
public func echo() {
  Output.return(Input.read())
}

@_expose(wasm, "storage")
@_cdecl("storage")
public func storage() {
  check(Input.size == 0, "storage: input")
  check(Storage.get([1]) == nil, "get absent")
  check(!Storage.has([1]), "has absent")
  Storage.set([1], [10, 11])
  Storage.set([1, 0], [])
  Storage.set([2], [20])
  Storage.set([2, 5], [25])
  Storage.set([3], [30])
  Storage.set([0xFF, 0xFF], [99])
  check(Storage.get([1]) == [10, 11], "get present")
  check(Storage.get([1, 0]) == [], "get empty value")
  check(Storage.has([1, 0]), "has empty value")
  check(Storage.remove([3]), "remove present")
  check(!Storage.remove([3]), "remove absent")
  check(Storage.get([3]) == nil, "get removed")

  var keys: [UInt8] = []
  for (key, value) in Storage.range() {
    keys.append(UInt8(key.count))
    keys.append(contentsOf: key)
    keys.append(UInt8(value.count))
  }
  check(keys == [1, 1, 2, 2, 1, 0, 0, 1, 2, 1, 2, 2, 5, 1, 2, 0xFF, 0xFF, 1], "range all")

  var reversed: [[UInt8]] = []
  for (key, _) in Storage.range(from: [1], to: [2, 5], reverse: true) { reversed.append(key) }
  check(reversed == [[2], [1, 0], [1]], "range reverse")

  var prefixed: [[UInt8]] = []
  for (key, value) in Storage.range(prefix: [2], values: false) {
    check(value.isEmpty, "values: false")
    prefixed.append(key)
  }
  check(prefixed == [[2], [2, 5]], "range prefix")

  var top: [[UInt8]] = []
  for (key, _) in Storage.range(prefix: [0xFF]) { top.append(key) }
  check(top == [[0xFF, 0xFF]], "range prefix ff")
  check(Storage.prefixEnd([1, 0xFF]) == [2], "prefixEnd")
  check(Storage.prefixEnd([0xFF]) == nil, "prefixEnd ff")
  check(Storage.prefixEnd([]) == nil, "prefixEnd empty")

  // The iterator sees the state as of its opening.
  let snapshot = Storage.range(from: [1], to: [2])
  Storage.set([1, 1], [1])
  var seen = 0
  while snapshot.next() != nil { seen += 1 }
  check(seen == 2, "snapshot")
  check(snapshot.next() == nil, "exhausted stays exhausted")

  // Largest key and value round-trip through the scratch buffer.
  var bigKey = [UInt8](repeating: 7, count: Storage.maxKeySize)
  bigKey[0] = 0x80
  var bigValue = [UInt8](repeating: 0, count: Storage.maxValueSize)
  for i in 0..<bigValue.count { bigValue[i] = UInt8(truncatingIfNeeded: i &* 31) }
  Storage.set(bigKey, bigValue)
  check(Storage.get(bigKey) == bigValue, "big value")
  var found = false
  for (key, value) in Storage.range(from: bigKey, to: Storage.prefixEnd(bigKey)) {
    check(key == bigKey && value == bigValue, "big entry")
    found = true
  }
  check(found, "big entry found")
  Output.return("ok")
}

@_expose(wasm, "iterators")
@_cdecl("iterators")
public func iterators() {
  Storage.set([1], [1])
  Storage.set([2], [2])
  // 100 iterators left early: each must be closed when released (the host allows 32).
  for _ in 0..<100 {
    for (key, _) in Storage.range() {
      if key == [1] { break }
    }
  }
  for _ in 0..<100 {
    let it = Storage.range()
    _ = it.next()
    it.close()
    it.close()
    check(it.next() == nil, "closed")
  }
  Output.return("ok")
}

@_expose(wasm, "crypto")
@_cdecl("crypto")
public func crypto() {
  check(
    Crypto.sha256([UInt8](utf8: "abc"))
      == hexBytes("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "sha256")
  check(
    Crypto.keccak256([])
      == hexBytes("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"), "keccak256")

  let hash = hexBytes("59fad058d845c286c861eec0664a7d8738f0ece667c2bee24f5cd8bf6b2a3cbc")
  let signature = hexBytes(
    "df7b9d32786a16a2fe20c36bd39614f665a6cdea7d166b04115193da3e11bbfd72016d5dcf997927cc117cb5e4b5056ada4f5e5e54c8d3b4f3cb7c38a8e9d879"
  )
  let highS = hexBytes(
    "df7b9d32786a16a2fe20c36bd39614f665a6cdea7d166b04115193da3e11bbfd8dfe92a2306686d833ee834a1b4afa93e05f7e885a7fcc86cc06e254274c68c8"
  )
  let compressed = hexBytes("02085fe2ca7a5758957ea811bd8e743d9cee6bc20072f1470a888c43a1091a8e8b")
  let uncompressed = hexBytes(
    "04085fe2ca7a5758957ea811bd8e743d9cee6bc20072f1470a888c43a1091a8e8b6c24b94641fa44c371b757127afcba3652e884413ada780be21d0585190deeac"
  )
  check(Crypto.secp256k1Verify(hash: hash, signature: signature, publicKey: compressed), "secp compressed")
  check(Crypto.secp256k1Verify(hash: hash, signature: signature, publicKey: uncompressed), "secp uncompressed")
  check(!Crypto.secp256k1Verify(hash: hash, signature: highS, publicKey: compressed), "secp high-s")
  check(!Crypto.secp256k1Verify(hash: Crypto.sha256(hash), signature: signature, publicKey: compressed), "secp wrong hash")
  check(!Crypto.secp256k1Verify(hash: hash, signature: signature, publicKey: [2]), "secp short key")
  check(!Crypto.secp256k1Verify(hash: [1], signature: signature, publicKey: compressed), "secp short hash")
  check(
    Crypto.secp256k1Recover(hash: hash, signature: signature, recoveryID: 0) == compressed, "recover compressed")
  check(
    Crypto.secp256k1Recover(hash: hash, signature: signature, recoveryID: 0, compressed: false) == uncompressed,
    "recover uncompressed")
  check(Crypto.secp256k1Recover(hash: hash, signature: signature, recoveryID: 1) != compressed, "recover other id")
  check(Crypto.secp256k1Recover(hash: hash, signature: signature, recoveryID: 4) == nil, "recover bad id")
  check(Crypto.secp256k1Recover(hash: hash, signature: highS, recoveryID: 1) == nil, "recover high-s")

  let schnorrMessage = [UInt8](utf8: "schnorr message of any length")
  let schnorrSignature = hexBytes(
    "44f08a5246619fdda7bca766e64db8b67dc9455307535fe7baf2dcbe2eca1840646f48aabd5ca3981d258df66a2931b8581a9bfdb7dfb6408749ef322bae0c87"
  )
  let schnorrKey = hexBytes("25d1dff95105f5253c4022f628a996ad3a0d95fbf21d468a1b33f8c160d8f517")
  check(Crypto.schnorrVerify(message: schnorrMessage, signature: schnorrSignature, publicKey: schnorrKey), "schnorr")
  check(!Crypto.schnorrVerify(message: [], signature: schnorrSignature, publicKey: schnorrKey), "schnorr wrong")

  // RFC 8032, test 1 (empty message).
  let edKey = hexBytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
  let edSignature = hexBytes(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
  )
  check(Crypto.ed25519Verify(message: [], signature: edSignature, publicKey: edKey), "ed25519")
  check(!Crypto.ed25519Verify(message: [0], signature: edSignature, publicKey: edKey), "ed25519 wrong")
  check(!Crypto.ed25519Verify(message: [], signature: [], publicKey: edKey), "ed25519 short")
  Output.return("ok")
}

@_expose(wasm, "context")
@_cdecl("context")
public func context() {
  var out = Context.caller
  out.append(contentsOf: Context.selfAddress)
  out.appendUInt64LE(Context.blockHeight)
  out.appendUInt64LE(Context.blockTime)
  out.append(Context.fuelRemaining > 0 ? 1 : 0)
  Output.return(out)
}

@_expose(wasm, "events")
@_cdecl("events")
public func events() {
  Events.emit(topic: "literal", data: [1, 2])
  Events.emit(topic: [0x62, 0x79, 0x74, 0x65, 0x73])
  Events.log("log literal")
  Events.log(string: "log string " + String(42))
  Events.log(bytes: [0x6F, 0x6B, 0xFF])
  print("printed 7")
  Output.return("first")
  Output.return("second")
}

@_expose(wasm, "fail")
@_cdecl("fail")
public func fail() {
  let input = Input.read()
  Storage.set([0x42], [1])
  Events.emit(topic: "reverted")
  Events.log("kept")
  switch input.first {
  case 1: abort(string: "failed with \(input.count)")
  case 2: abort(bytes: [0x62, 0x79, 0x74, 0x65, 0x73])
  case 3: _ = Chain.balance(of: [1, 2, 3])
  case 4:
    let a: [UInt8] = []
    Output.return([a[1]])  // out of bounds: traps
  default: abort("failed")
  }
}

/// Sorting (no floating point, unlike Dictionary and Set): returns the input sorted.
@_expose(wasm, "sort")
@_cdecl("sort")
public func sort() {
  Output.return(Input.read().sorted())
}

@_expose(wasm, "token")
@_cdecl("token")
public func token() {
  var out: [UInt8] = []
  out.appendUInt64LE(Chain.selfBalance)
  out.appendUInt64LE(Chain.balance(of: Context.caller))
  out.append(Chain.transfer(to: Context.caller, amount: 1) ? 1 : 0)
  out.append(Chain.transfer(to: Context.caller, amount: 0) ? 1 : 0)
  Output.return(out)
}

/// Input: address (32) ‖ method ‖ 0x00 ‖ call input. Returns status (1 byte) ‖ result.
@_expose(wasm, "forward")
@_cdecl("forward")
public func forward() {
  let input = Input.read()
  guard input.count >= 32, let address = input.bytes(0..<32) else { abort("forward: input") }
  var separator = 32
  while separator < input.count && input[separator] != 0 { separator += 1 }
  guard separator < input.count else { abort("forward: no separator") }
  let method = Array(input[32..<separator])
  let callInput = Array(input[(separator + 1)...])
  let result = Chain.call(address, method: method, input: callInput)
  var out: [UInt8] = [UInt8(truncatingIfNeeded: result.status.rawValue)]
  out.append(contentsOf: result.data)
  Output.return(out)
}

/// Input: depth (1 byte). Calls itself one level deeper until the host refuses; returns
/// the depth reached.
@_expose(wasm, "depth")
@_cdecl("depth")
public func depth() {
  let input = Input.read()
  let level = input.first ?? 1
  let result = Chain.call(Context.selfAddress, method: "depth", input: [level + 1])
  if result.status == .depthExceeded {
    Output.return([level])
  } else if result.succeeded {
    Output.return(result.data)
  } else {
    abort("depth: unexpected status")
  }
}
