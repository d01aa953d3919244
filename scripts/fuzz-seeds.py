#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz target (scripts/fuzz.sh calls it).

    fuzz-seeds.py TARGET DIR

fuzz-decode, fuzz-compile: the contracts' and benchmarks' .wasm files, every
`(module binary ...)` of the spec suite (../shared/wasm-testsuite, or $KEEL_SPEC_SUITE),
and 200 valid modules of the structured generator when $KEEL_FUZZ_MODULE_GENERATOR names
the fuzz-diff binary (its -emit_modules mode).
fuzz-diff, fuzz-host: pseudo-random bytes (the structured generators read any bytes).
fuzz-node: a selector byte (0 transaction, 1 block, 2 receipt, 3 genesis, 4 chain file,
as in Fuzz/Sources/fuzz-node) before the signed transactions of
fixtures/node/transactions.json, the chain files of fixtures/chains, and the genesis,
blocks and receipts recorded in those chain files.
"""
import glob
import hashlib
import json
import os
import random
import re
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(directory, name, data):
    with open(os.path.join(directory, name), "wb") as file:
        file.write(data)


def wast_binaries(path):
    """The byte strings of the `(module binary "..." ...)` forms of a .wast file."""
    text = open(path, encoding="utf-8", errors="replace").read()
    for match in re.finditer(r"\(module\s+(?:\$\S+\s+)?binary((?:\s*\"(?:[^\"\\]|\\.)*\")+)", text):
        data = bytearray()
        for literal in re.findall(r"\"((?:[^\"\\]|\\.)*)\"", match.group(1)):
            index = 0
            while index < len(literal):
                char = literal[index]
                if char == "\\":
                    following = literal[index + 1]
                    if re.match(r"[0-9a-fA-F]", following):
                        data.append(int(literal[index + 1:index + 3], 16))
                        index += 3
                        continue
                    if following == "u":
                        end = literal.index("}", index)
                        data += chr(int(literal[index + 3:end], 16)).encode()
                        index = end + 1
                        continue
                    data += {"n": b"\n", "t": b"\t", "r": b"\r"}.get(following, following.encode())
                    index += 2
                else:
                    data += char.encode()
                    index += 1
        yield bytes(data)


def wasm_seeds(directory):
    count = 0
    for path in sorted(glob.glob(f"{ROOT}/contracts/**/*.wasm", recursive=True) + glob.glob(f"{ROOT}/bench/**/*.wasm", recursive=True)):
        write(directory, "file-" + os.path.basename(path), open(path, "rb").read())
        count += 1
    suite = os.environ.get("KEEL_SPEC_SUITE", os.path.join(ROOT, "..", "shared", "wasm-testsuite"))
    for path in sorted(glob.glob(f"{suite}/*.wast")):
        for index, data in enumerate(wast_binaries(path)):
            write(directory, f"spec-{os.path.basename(path)}-{index}", data)
            count += 1
    generator = os.environ.get("KEEL_FUZZ_MODULE_GENERATOR")
    if generator:
        subprocess.run([generator, f"-emit_modules={directory}"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        count += 200
    return count


def random_seeds(directory):
    generator = random.Random(18)
    for index in range(64):
        size = generator.choice([16, 64, 256, 1024, 4096])
        write(directory, f"random-{index}", bytes(generator.randrange(256) for _ in range(size)))
    return 64


def chain_records(data):
    """(kind, payload) of each record of a chain file."""
    offset = 12
    while offset + 5 <= len(data):
        kind = data[offset]
        (length,) = struct.unpack_from("<I", data, offset + 1)
        yield kind, data[offset + 5:offset + 5 + length]
        offset += 5 + length + 32


def record(kind, payload):
    """A chain-file record: kind, length, payload, checksum."""
    head = bytes([kind]) + struct.pack("<I", len(payload))
    return head + payload + hashlib.sha256(head + payload).digest()


def short_chain(data):
    """The chain file's header, genesis and block 0 records, and an end record for them."""
    records = list(chain_records(data))
    (genesis_kind, genesis), (block_kind, first) = records[0], records[1]
    (length,) = struct.unpack_from("<I", first, 0)
    header = first[4:4 + length - 4]
    end = struct.pack("<Q", 1) + hashlib.sha256(header).digest()
    return data[:12] + record(genesis_kind, genesis) + record(block_kind, first) + record(0xFF, end)


def node_seeds(directory):
    count = 0
    for index, vector in enumerate(json.load(open(f"{ROOT}/fixtures/node/transactions.json"))):
        write(directory, f"transaction-{index}", b"\x00" + bytes.fromhex(vector["signedEncoding"]))
        count += 1
    for path in sorted(glob.glob(f"{ROOT}/fixtures/chains/*.keelchain")):
        data = open(path, "rb").read()
        name = os.path.basename(path)
        write(directory, f"chain-{name}", b"\x04" + data)
        count += 1
        write(directory, f"chain-short-{name}", b"\x04" + short_chain(data))
        count += 1
        for index, (kind, payload) in enumerate(chain_records(data)):
            if kind == 1:
                write(directory, f"genesis-{name}", b"\x03" + payload)
                count += 1
            elif kind == 2 and index % 10 == 1:
                (length,) = struct.unpack_from("<I", payload, 0)
                write(directory, f"block-{name}-{index}", b"\x01" + payload[4:4 + length])
                receipts = payload[4 + length + 4:]
                if len(receipts) >= 4:
                    (receipts_count,) = struct.unpack_from("<I", receipts, 0)
                    if receipts_count > 0:
                        (first,) = struct.unpack_from("<I", receipts, 4)
                        write(directory, f"receipt-{name}-{index}", b"\x02" + receipts[8:8 + first])
                        count += 1
                count += 1
    return count


def main():
    target, directory = sys.argv[1], sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    seeders = {"fuzz-decode": wasm_seeds, "fuzz-compile": wasm_seeds, "fuzz-diff": random_seeds, "fuzz-host": random_seeds, "fuzz-node": node_seeds}
    if target not in seeders:
        sys.exit(f"fuzz-seeds: unknown target {target}")
    print(f"fuzz-seeds: {seeders[target](directory)} seeds for {target} in {directory}")


if __name__ == "__main__":
    main()
