import Foundation
import Keel
import KeelTestSupport
import XCTest

/// Runs the determinism corpus (`fixtures/determinism`, format in its README) through the
/// library with the contract profile and checks every result, trap and the exact fuel consumed.
/// Failures read `[BACKEND] fixtures/determinism/NAME.expect:LINE: ...`: every backend this
/// build has runs the same corpus, every check (identical results, traps and fuel).
final class DeterminismCorpusTests: EveryBackendTestCase {
    /// `fixtures/determinism` of this checkout, found from this file's path.
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/determinism")

    func testCorpus() throws {
        try onEveryBackend {
            try runCorpus()
        }
    }

    func runCorpus() throws {
        let directory = Self.corpus
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            XCTFail("\(directory.path): the determinism corpus is missing (\(error))")
            return
        }
        let modules = names.filter { $0.hasSuffix(".wat") }
        XCTAssertFalse(modules.isEmpty, "\(directory.path): the determinism corpus has no .wat fixtures")
        for stray in names where stray.hasSuffix(".expect") && !modules.contains(String(stray.dropLast(7)) + ".wat") {
            XCTFail("\(directory.path)/\(stray):1: expectations without a .wat module")
        }
        var checks = 0
        for module in modules {
            checks += runFixture(directory.appendingPathComponent(module))
        }
        XCTAssertGreaterThan(checks, 0, "\(directory.path): the determinism corpus checks nothing")
        print("determinism corpus (\(backend.rawValue)): \(modules.count) fixtures, \(checks) checks")
    }

    /// Runs one fixture; returns how many checks it made.
    func runFixture(_ watURL: URL) -> Int {
        let expectURL = watURL.deletingPathExtension().appendingPathExtension("expect")
        let path = expectURL.path
        guard let wat = try? String(contentsOf: watURL, encoding: .utf8) else {
            XCTFail("\(watURL.path):1: cannot read the module")
            return 0
        }
        guard let text = try? String(contentsOf: expectURL, encoding: .utf8) else {
            XCTFail("\(path):1: missing or unreadable expectations file")
            return 0
        }
        let fixture = DeterminismFixture(text: text)
        for error in fixture.errors {
            XCTFail("\(path):\(error.line): malformed fixture line: \(error.message)")
        }
        if fixture.lines.isEmpty && fixture.errors.isEmpty { XCTFail("\(path):1: no expectations") }
        for line in fixture.lines {
            let location = "\(path):\(line.number)"
            switch line.check {
            case .reject(let message, let functionIndex):
                checkRejection(wat, message: message, functionIndex: functionIndex, at: location)
            case .invoke(let name, let arguments, let outcome, let fuel, let fuelLimit, let noFloat):
                checkInvoke(wat, name, arguments, outcome, fuel: fuel, fuelLimit: fuelLimit, noFloat: noFloat, at: location)
            }
        }
        return fixture.lines.count
    }

    /// The contract profile, with floats disabled when `noFloat`.
    func engine(noFloat: Bool, at location: String) -> Engine? {
        var configuration = EngineConfiguration.contract
        configuration.allowFloats = !noFloat
        do {
            return try makeEngine(configuration)
        } catch {
            XCTFail("\(location): cannot create the engine: \(error)")
            return nil
        }
    }

    func checkRejection(_ wat: String, message: String, functionIndex: Int?, at location: String) {
        guard let engine = engine(noFloat: true, at: location) else { return }
        do {
            _ = try Module(engine: engine, wat: wat)
            XCTFail("\(location): compiled with floats disabled; expected a rejection containing \"\(message)\"")
        } catch {
            if error.kind != .profile { XCTFail("\(location): expected a profile error, got \(error)") }
            if !error.message.contains(message) { XCTFail("\(location): expected a message containing \"\(message)\", got \(error)") }
            if let functionIndex, error.functionIndex != functionIndex {
                XCTFail("\(location): expected function \(functionIndex), got \(error.functionIndex.map(String.init) ?? "none") in \(error)")
            }
            if error.offset == nil { XCTFail("\(location): the rejection names no byte offset: \(error)") }
        }
    }

    func checkInvoke(
        _ wat: String, _ name: String, _ argumentTexts: [String], _ expected: DeterminismFixture.Outcome,
        fuel expectedFuel: UInt64, fuelLimit: UInt64, noFloat: Bool, at location: String
    ) {
        guard let engine = engine(noFloat: noFloat, at: location) else { return }
        let module: Module
        do {
            module = try Module(engine: engine, wat: wat)
        } catch {
            XCTFail("\(location): the module does not compile: \(error)")
            return
        }
        guard let export = module.exports.first(where: { $0.name == name }), case .function(let type) = export.type else {
            XCTFail("\(location): no exported function \"\(name)\"")
            return
        }
        guard argumentTexts.count == type.parameters.count else {
            XCTFail("\(location): \(name) takes \(type.parameters.count) arguments, the line gives \(argumentTexts.count)")
            return
        }
        var arguments: [Value] = []
        for (text, parameter) in zip(argumentTexts, type.parameters) {
            guard let value = DeterminismFixture.value(text, as: parameter) else {
                XCTFail("\(location): argument \(text) is not a valid \(parameter)")
                return
            }
            arguments.append(value)
        }
        // Fuel is given before instantiation, as `keel run --fuel` does (a start function pays).
        let store = Store(engine: engine)
        store.setFuel(fuelLimit)
        let actual: DeterminismFixture.Outcome
        do {
            let instance = try Linker(engine: engine).instantiate(module, in: store)
            guard let function = instance.function(name) else {
                XCTFail("\(location): the instance has no function \"\(name)\"")
                return
            }
            actual = .values(try function.call(arguments))
        } catch let trap as Trap {
            actual = .trap(trap.message)
        } catch {
            XCTFail("\(location): instantiation failed: \(error)")
            return
        }
        switch (expected, actual) {
        case (.values(let want), .values(let got)) where want == got: break
        case (.trap(let want), .trap(let got)) where want == got: break
        default: XCTFail("\(location): \(name) \(argumentTexts.joined(separator: " ")): expected \(expected), got \(actual)")
        }
        let consumed = store.fuelConsumed
        if consumed != expectedFuel {
            XCTFail("\(location): \(name) \(argumentTexts.joined(separator: " ")): expected fuel \(expectedFuel), consumed \(consumed.map(String.init) ?? "nil")")
        }
    }
}
