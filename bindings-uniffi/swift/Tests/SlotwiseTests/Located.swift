// Errors located from a document's root, as the engine reports them when it reads a
// whole document (`schedules[1].timezone`, `window.to`).
import Foundation
import Slotwise

/// The field path of an error about `outer`'s content, as the engine composes it.
func at(_ outer: String, _ path: String) -> String {
    if path.isEmpty { return outer }
    if path.hasPrefix("[") { return outer + path }
    return "\(outer).\(path)"
}

/// An error located from a document's root.
struct Located: Error {
    let code: String
    let path: String
    let message: String
}

func located(_ e: SlotwiseError) -> Located {
    Located(code: e.codeName(), path: e.path(), message: e.describe())
}

/// Runs `body`, putting a failure's path under `outer`.
func under<T>(_ outer: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as SlotwiseError {
        throw Located(code: e.codeName(), path: at(outer, e.path()), message: e.describe())
    } catch let e as Located {
        throw Located(code: e.code, path: at(outer, e.path), message: e.message)
    }
}

/// A window call whose `from`/`to` errors belong to the document's `window`.
func inWindow<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as SlotwiseError {
        let path = e.path()
        throw Located(code: e.codeName(), path: path == "from" || path == "to" ? at("window", path) : path,
                      message: e.describe())
    }
}
